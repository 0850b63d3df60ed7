package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.dynamodb.DynamoDbFindingStore;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.Side;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code certfleet findings list} as a process against the emulator: what compliance pulls, with history. */
@ExtendWith(AwsEmulatorExtension.class)
class FindingsCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "findings-cli";
    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");
    private static final String ARN = "arn:aws:acm:eu-west-1:111122223333:certificate/shop";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/1/2";

    private static PolicyFinding finding(FindingCode code, Severity severity, Side side, String subject, String owner) {
        return new PolicyFinding(SCOPE, ARN, subject, code, severity, code.meaning(), side, "public-web", owner,
                "prod");
    }

    @Test
    void listsOpenFindingsWorstFirstAndResolvedOnesOnRequest(AwsEmulator emulator) throws Exception {
        emulator.resetNow();
        new InventoryTable(emulator.clients().dynamoDb(), TABLE).ensureExists();
        DynamoDbFindingStore store = new DynamoDbFindingStore(emulator.clients().dynamoDb(), TABLE);
        Instant first = Instant.parse("2026-11-20T06:00:00Z");
        Instant later = Instant.parse("2026-11-27T06:00:00Z");
        PolicyFinding chain = finding(FindingCode.INCOMPLETE_CHAIN, Severity.CRITICAL, Side.WIRE,
                "ELBV2_LISTENER#" + LISTENER, "shop-team");
        PolicyFinding cbc = finding(FindingCode.WEAK_CIPHER_ENABLED, Severity.MEDIUM, Side.CONFIGURATION,
                "ELBV2_LISTENER#" + LISTENER, "shop-team");
        PolicyFinding lifetime = finding(FindingCode.VALIDITY_TOO_LONG, Severity.MEDIUM, Side.CONFIGURATION,
                PolicyFinding.CERTIFICATE, "web-team");
        store.seen(List.of(chain, cbc, lifetime), first);
        store.seen(List.of(chain, cbc), later);
        store.resolved(store.open(SCOPE).stream().filter(s -> s.finding().code() == FindingCode.VALIDITY_TOO_LONG)
                .toList(), later);
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_REGION", AwsEmulator.REGION.id());

        CliProcess.Result open = CliProcess.run(environment, "findings", "list", "--table", TABLE);
        CliProcess.Result json = CliProcess.run(environment, "findings", "list", "--table", TABLE, "--state", "all",
                "--json");
        CliProcess.Result resolved = CliProcess.run(environment, "findings", "list", "--table", TABLE, "--state",
                "resolved", "--owner", "web-team");
        CliProcess.Result bad = CliProcess.run(environment, "findings", "list", "--table", TABLE, "--severity",
                "urgent");

        assertThat(open.exitCode()).as(open.err()).isEqualTo(ExitCode.FINDINGS);
        List<String> lines = open.out().lines().toList();
        assertThat(lines.get(1)).startsWith("critical").contains("INCOMPLETE_CHAIN").contains("wire")
                .contains("ELBV2_LISTENER listener/app/shop/1/2").contains("2026-11-20T06:00").contains("2026-11-27T06:00");
        assertThat(lines.get(2)).startsWith("medium").contains("WEAK_CIPHER_ENABLED").contains("configuration");
        assertThat(open.out()).contains("2 finding(s), 2 open, 0 resolved").doesNotContain("VALIDITY_TOO_LONG");

        JsonNode all = JSON.readTree(json.out());
        assertThat(all).hasSize(3);
        JsonNode gone = all.get(2);
        assertThat(gone.path("code").asText()).isEqualTo("VALIDITY_TOO_LONG");
        assertThat(gone.path("state").asText()).isEqualTo("resolved");
        assertThat(gone.path("firstSeen").asText()).isEqualTo("2026-11-20T06:00:00Z");
        assertThat(gone.path("resolvedAt").asText()).isEqualTo("2026-11-27T06:00:00Z");
        assertThat(all.get(0).path("resolvedAt").isNull()).isTrue();
        assertThat(all.get(0).path("side").asText()).isEqualTo("WIRE");

        assertThat(resolved.exitCode()).as("nothing open listed").isEqualTo(ExitCode.OK);
        assertThat(resolved.out()).contains("VALIDITY_TOO_LONG").contains("1 finding(s), 0 open, 1 resolved");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().strip()).isEqualTo("certfleet findings list: --severity must be critical, high, medium or low, got "
                + "'urgent' (see 'certfleet findings list --help')");
    }
}
