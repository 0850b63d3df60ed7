package io.certfleet.core.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.CanaryObservation;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillTest {

    private static final Instant SWAPPED = Instant.parse("2026-12-01T10:00:00Z");
    private static final String OLD = "aa".repeat(32);
    private static final String BROKEN = "bb".repeat(32);
    private static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/x/1/2";

    @Test
    void faultsParseInAnyLetterCaseAndAnUnknownOneListsTheValidNames() {
        assertThat(DrillFault.parse("wrong-host")).isEqualTo(DrillFault.WRONG_HOST);
        assertThat(DrillFault.parse(" WRONG_HOST ")).isEqualTo(DrillFault.WRONG_HOST);
        assertThat(DrillFault.parse("Incomplete-Chain")).isEqualTo(DrillFault.INCOMPLETE_CHAIN);
        assertThatThrownBy(() -> DrillFault.parse("expird")).hasMessage("unknown drill fault 'expird': use one of "
                + "expired, wrong-host, incomplete-chain, weak-key");
        assertThatThrownBy(() -> DrillFault.parse(null)).hasMessageStartingWith("unknown drill fault 'null'");
        assertThat(DrillFault.EXPIRED.expected()).contains(FindingCode.EXPIRED);
    }

    @Test
    void aBindingIsItsTypeBeforeTheFirstColonAndItsResourceIdAfterIt() {
        DrillSpec.Binding binding = DrillSpec.Binding.parse("elbv2_listener:" + LISTENER);
        assertThat(binding.type()).isEqualTo(BindingType.ELBV2_LISTENER);
        assertThat(binding.resourceId()).as("the ARN's own colons stay").isEqualTo(LISTENER);
        assertThat(DrillSpec.Binding.parse("ELB_LISTENER:loadbalancer/legacy:443").resourceId())
                .isEqualTo("loadbalancer/legacy:443");
        assertThat(binding).hasToString("ELBV2_LISTENER:" + LISTENER);
        assertThatThrownBy(() -> DrillSpec.Binding.parse("E2ABCDEF")).hasMessage("name the binding as "
                + "TYPE:RESOURCE_ID (TYPE one of ELBV2_LISTENER, ELB_LISTENER, CLOUDFRONT, APIGATEWAY_DOMAIN), got "
                + "'E2ABCDEF'");
        assertThatThrownBy(() -> DrillSpec.Binding.parse("CLOUDFRONT:")).hasMessageStartingWith("name the binding");
        assertThatThrownBy(() -> DrillSpec.Binding.parse("alb:" + LISTENER)).hasMessage("unknown binding type "
                + "'alb': use one of ELBV2_LISTENER, ELB_LISTENER, CLOUDFRONT, APIGATEWAY_DOMAIN");
    }

    @Test
    void onlyTheListedEnvironmentsAreDrillableWithoutLetterCase() {
        DrillableEnvironments drillable = DrillableEnvironments.parse(" Staging , qa,,");
        assertThat(drillable.names()).containsExactlyInAnyOrder("staging", "qa");
        assertThat(drillable.refusal("STAGING")).isEmpty();
        assertThat(drillable.refusal("prod")).hasValue("drills run only on endpoints of a drillable environment "
                + "(CERTFLEET_DRILLABLE_ENVIRONMENTS: qa, staging), and this certificate's environment is 'prod'");
        assertThat(drillable.refusal(null)).get().asString().endsWith("environment is not set (no environment tag)");
        assertThat(DrillableEnvironments.parse("").refusal("staging")).get().asString()
                .contains("(CERTFLEET_DRILLABLE_ENVIRONMENTS: none)");
        assertThat(DrillableEnvironments.DEFAULT.refusal("staging")).isEmpty();
    }

    @Test
    void detectionIsTheFirstCheckAfterWhichTheCanaryFailsAndRecoveryEndsWithTheVerifiedRestore() {
        // expired: the first check saw a valid certificate, the second (4 s later) an expired one
        CanaryObservation valid = new CanaryObservation(SWAPPED.plusSeconds(1), BROKEN, List.of(), null);
        CanaryObservation expired = new CanaryObservation(SWAPPED.plusSeconds(5), BROKEN,
                List.of(new Finding(FindingCode.EXPIRED, Severity.CRITICAL, "expired 1 s ago")), null);
        Rotation rotation = drill(DrillFault.EXPIRED, RotationStatus.ROLLED_BACK, SWAPPED.plusSeconds(7));
        RotationBinding binding = binding(List.of(valid, expired), List.of("EXPIRED (new since the swap)"),
                "put back, and the old certificate is served again");

        DrillOutcome outcome = DrillOutcome.of(rotation, binding);

        assertThat(outcome.detected()).isTrue();
        assertThat(outcome.byPlantedFault()).isTrue();
        assertThat(outcome.timeToDetect()).hasValue(Duration.ofSeconds(5));
        assertThat(outcome.timeToRecover()).hasValue(Duration.ofSeconds(2));
        assertThat(outcome.exposure()).hasValue(Duration.ofSeconds(7));
        assertThat(outcome.restoredOnWire()).isTrue();
        assertThat(outcome.proven()).isTrue();
    }

    @Test
    void aCanaryThatFailedForAnotherReasonDidNotProveThePlantedFaultIsCaught() {
        CanaryObservation untrusted = new CanaryObservation(SWAPPED, BROKEN, List.of(new Finding(
                FindingCode.UNTRUSTED_ROOT, Severity.CRITICAL, "drill CA")), null);
        DrillOutcome outcome = DrillOutcome.of(drill(DrillFault.WEAK_KEY, RotationStatus.ROLLED_BACK,
                SWAPPED.plusSeconds(1)), binding(List.of(untrusted), List.of("UNTRUSTED_ROOT (new since the swap)"),
                "put back, and the old certificate is served again"));

        assertThat(outcome.detected()).isTrue();
        assertThat(outcome.byPlantedFault()).isFalse();
        assertThat(outcome.timeToDetect()).hasValue(Duration.ZERO);
    }

    @Test
    void nothingDetectedMeasuresRecoveryFromTheSwapAndARestoreNotSeenOnTheWireIsNoProof() {
        CanaryObservation passed = new CanaryObservation(SWAPPED, BROKEN, List.of(), null);
        DrillOutcome outcome = DrillOutcome.of(drill(DrillFault.INCOMPLETE_CHAIN, RotationStatus.ROLLED_BACK,
                SWAPPED.plusSeconds(3)), binding(List.of(passed), List.of(),
                "put back, but the endpoint serves " + BROKEN + ", not the old certificate"));

        assertThat(outcome.detected()).isFalse();
        assertThat(outcome.timeToDetect()).isEmpty();
        assertThat(outcome.timeToRecover()).hasValue(Duration.ofSeconds(3));
        assertThat(outcome.restoredOnWire()).isFalse();
        assertThat(outcome.proven()).isFalse();
        Rotation notADrill = drill(DrillFault.EXPIRED, RotationStatus.SUCCEEDED, SWAPPED).withDrill(null, SWAPPED);
        assertThatThrownBy(() -> DrillOutcome.of(notADrill, binding(List.of(passed), List.of(), null)))
                .hasMessageEndingWith("is no drill");
    }

    private static Rotation drill(DrillFault fault, RotationStatus status, Instant finishedAt) {
        return new Rotation("drill-1", OLD, "CN=shop", "team", "staging", List.of("arn:aws:acm:eu-west-1:"
                + "111122223333:certificate/1"), "public-web", RotationMode.AUTO, IssuerChoice.PROVIDED,
                Duration.ZERO, 2, NegotiationSpike.DEFAULT, List.of(), 1, status, List.of("drill"), "alice",
                "arn:aws:acm:eu-west-1:111122223333:certificate/2", BROKEN, null, false, null, null, List.of(), null,
                SWAPPED.minusSeconds(2), finishedAt, finishedAt,
                DrillSpec.of(fault, new DrillSpec.Binding(BindingType.ELBV2_LISTENER, LISTENER)));
    }

    private static RotationBinding binding(List<CanaryObservation> checks, List<String> causes, String detail) {
        return new RotationBinding(0, 0, new SwapTarget(BindingType.ELBV2_LISTENER, new ScanScope("111122223333",
                "eu-west-1"), LISTENER, true, "arn:aws:acm:eu-west-1:111122223333:certificate/1"), "x.test", 443,
                "x.test", List.of(), "arn:aws:acm:eu-west-1:111122223333:certificate/2",
                ServedState.of("arn:aws:acm:eu-west-1:111122223333:certificate/1"), SWAPPED, checks,
                BindingResult.ROLLED_BACK, causes, detail);
    }
}
