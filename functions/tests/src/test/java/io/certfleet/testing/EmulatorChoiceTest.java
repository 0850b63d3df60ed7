package io.certfleet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emulator selection ({@code CERTFLEET_EMULATOR}) and LocalStack's container configuration. No Docker engine is
 * reachable where certfleet's CI runs, so LocalStack itself is not started here: the selection, the container as
 * it would be started, and the failures without Docker or token are what is tested.
 */
class EmulatorChoiceTest {

    @Test
    void motoIsTheDefaultAndLocalStackIsChosenByName() {
        assertThat(EmulatorChoice.fromEnvironment(Map.of())).isEqualTo(EmulatorChoice.MOTO);
        assertThat(EmulatorChoice.fromEnvironment(Map.of("CERTFLEET_EMULATOR", " "))).isEqualTo(EmulatorChoice.MOTO);
        assertThat(EmulatorChoice.fromEnvironment(Map.of("CERTFLEET_EMULATOR", "moto"))).isEqualTo(EmulatorChoice.MOTO);
        assertThat(EmulatorChoice.fromEnvironment(Map.of("CERTFLEET_EMULATOR", "LocalStack")))
                .isEqualTo(EmulatorChoice.LOCALSTACK);
    }

    @Test
    void anUnknownEmulatorIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> EmulatorChoice.fromEnvironment(Map.of("CERTFLEET_EMULATOR", "minio")))
                .hasMessage("CERTFLEET_EMULATOR: 'minio' is not an emulator the tests run on (moto, localstack)");
    }

    @Test
    void theContainerRunsThePinnedProImageWithTheTokenAndEveryServiceTheTestsCall() {
        LocalStackEmulator.Configuration container = LocalStackEmulator.configuration(
                Map.of("LOCALSTACK_AUTH_TOKEN", "ls-test-token"));

        assertThat(container.image().asCanonicalNameString()).isEqualTo("localstack/localstack-pro:4.12");
        assertThat(container.image().isCompatibleWith(
                org.testcontainers.utility.DockerImageName.parse("localstack/localstack"))).isTrue();
        assertThat(container.environment()).containsEntry("LOCALSTACK_AUTH_TOKEN", "ls-test-token")
                .containsEntry("ACM_VALIDATION_WAIT", "0");
        assertThat(container.environment().get("SERVICES").split(",")).contains("acm", "elbv2", "elb",
                "cloudfront", "apigateway", "iam", "organizations", "sts", "dynamodb", "sns", "sqs", "events",
                "resourcegroupstaggingapi", "ec2");
        assertThat(container.edgePort()).isEqualTo(4566);
    }

    @Test
    void withoutTheTokenOrWithoutDockerTheTestsFailSayingWhich() {
        assertThatThrownBy(() -> LocalStackEmulator.configuration(Map.of()))
                .hasMessageContaining("needs LOCALSTACK_AUTH_TOKEN").hasMessageContaining("unset CERTFLEET_EMULATOR");
        assertThatThrownBy(() -> LocalStackEmulator.start(Map.of("LOCALSTACK_AUTH_TOKEN", "t"), () -> false))
                .hasMessageContaining("needs a reachable Docker engine");
    }
}
