package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;

/** Every deployment parameter is checked at synth; a wrong one names its key, what was given and what is expected. */
class DeploymentContextTest {

    private static CertfleetStack.Settings read(Map<String, String> context) {
        App app = new App();
        context.forEach(app.getNode()::setContext);
        return DeploymentContext.read(app);
    }

    @Test
    void withoutContextTheDefaultsApply() {
        assertThat(read(Map.of())).isEqualTo(CertfleetStack.Settings.defaults());
    }

    @Test
    void goodValuesAreTakenAsGiven() {
        CertfleetStack.Settings settings = read(Map.of(
                "certfleet:scanSchedule", "cron(0 */6 * * ? *)",
                "certfleet:scanRegions", "eu-west-1, us-east-1",
                "certfleet:scanAccounts", "111122223333,444455556666",
                "certfleet:scanConcurrency", "40",
                "certfleet:alertSchedule", "rate(1 hour)",
                "certfleet:alertSubscriptions", "payments-team=pay@example.com,web-team=web@example.com",
                "certfleet:handshakeSlo", "99.9",
                "certfleet:apiRateLimit", "20",
                "certfleet:organizationId", "o-abcdefghij"));

        assertThat(settings.scan().schedule()).isEqualTo("cron(0 */6 * * ? *)");
        assertThat(settings.scan().regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(settings.scan().accounts()).isEqualTo("111122223333,444455556666");
        assertThat(settings.scan().maxConcurrency()).isEqualTo(40);
        assertThat(settings.governance().handshakeSlo()).isEqualTo(99.9);
        assertThat(settings.api().rateLimit()).isEqualTo(20);
        assertThat(settings.api().organizationId()).as("the Organization may call the API").hasValue("o-abcdefghij");
        assertThat(settings.alerts().ownerEmails())
                .containsExactlyInAnyOrderEntriesOf(Map.of("payments-team", "pay@example.com", "web-team", "web@example.com"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "certfleet:scanSchedule|rate(6 hour)|a schedule expression",
            "certfleet:scanSchedule|rate(1 hours)|a schedule expression",
            "certfleet:scanSchedule|every 6 hours|a schedule expression",
            "certfleet:alertSchedule|cron(0 * * *)|a schedule expression",
            "certfleet:scanRegions|us-east-1,eu-westt-1|unknown: eu-westt-1",
            "certfleet:scanAccounts|12345|not an account id: 12345",
            "certfleet:scanConcurrency|0|a whole number from 1 to 40",
            "certfleet:scanConcurrency|lots|a whole number from 1 to 40",
            "certfleet:alertSubscriptions|payments-team:payments@example.com|owner=email",
            "certfleet:alertSubscriptions|payments-team=not-an-address|owner=email",
            "certfleet:alertSubscriptions|a=x@example.com,a=y@example.com|'a' is subscribed twice",
            "certfleet:scannerRoleName|scanner role|an IAM role name",
            "certfleet:tableName|ab|a DynamoDB table name",
            "certfleet:alertTopicName|alerts!|an SNS topic name",
            "certfleet:eventBusName|bus name|an EventBridge bus name",
            "certfleet:organizationId|123456789012|an AWS Organizations id",
            "certfleet:apiRateLimit|0|a whole number from 1 to 10000",
            "certfleet:apiBurstLimit|many|a whole number from 1 to 5000",
            "certfleet:handshakeSlo|100.5|a percentage above 0 and at most 100",
            "certfleet:handshakeSlo|high|a percentage above 0 and at most 100",
            "certfleet:kpiSchedule|rate(15 minute)|a schedule expression",
            "certfleet:drillableEnvironments|staging, qa|environment tag values, comma-separated",
    })
    void aWrongValueNamesItsKey(String key, String value, String expected) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(DeploymentContext.InvalidContextException.class)
                .hasMessageContaining(key + ": '")
                .hasMessageContaining(expected);
    }

    @Test
    void drillableEnvironmentsAreAListAndEmptyMeansNone() {
        assertThat(read(Map.of()).rotation().drillableEnvironments()).isEqualTo("staging");
        assertThat(read(Map.of("certfleet:drillableEnvironments", "staging,qa")).rotation().drillableEnvironments())
                .isEqualTo("staging,qa");
        assertThat(read(Map.of("certfleet:drillableEnvironments", "")).rotation().drillableEnvironments()).isEmpty();
    }

    @Test
    void everyWrongValueIsReportedAtOnce() {
        assertThatThrownBy(() -> read(Map.of("certfleet:scanSchedule", "hourly", "certfleet:scanRegions", "mars-1")))
                .hasMessageContaining("certfleet:scanSchedule: 'hourly'")
                .hasMessageContaining("certfleet:scanRegions: 'mars-1'");
    }

    @Test
    void aWrongValueFailsTheStackBeforeAnythingIsBuilt() {
        App app = new App();
        app.getNode().setContext("certfleet:scanSchedule", "rate(6 hour)");

        assertThatThrownBy(() -> new CertfleetStack(app, "Certfleet", software.amazon.awscdk.StackProps.builder()
                .build())).hasMessageContaining("certfleet:scanSchedule: 'rate(6 hour)'");
    }

    /** The README's deployment-parameter table lists exactly the keys the app reads. */
    @Test
    void theReadmeDocumentsEveryKey() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Deployment parameters");
        assertThat(start).as("README section 'Deployment parameters'").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1) < 0 ? readme.length()
                : readme.indexOf("\n## ", start + 1));
        Matcher key = Pattern.compile("^\\| `(certfleet:[A-Za-z]+)`", Pattern.MULTILINE).matcher(section);
        List<String> documented = key.results().map(match -> match.group(1)).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(DeploymentContext.KEYS);
    }
}
