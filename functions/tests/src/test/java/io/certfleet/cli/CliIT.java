package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;

/** The built jar's scan and inventory commands, run as processes against the emulator. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RECORD_FIELDS = Set.of("id", "sha256", "source", "arn", "accountId", "region",
            "subject", "sans", "issuer", "notBefore", "notAfter", "daysToExpiry", "keyAlgorithm", "keySize",
            "signatureAlgorithm", "owner", "ownerSource", "environment", "status", "bindings", "firstSeen",
            "lastSeen", "removedAt");
    private static final Set<String> BINDING_FIELDS = Set.of("type", "resourceId", "isDefault", "dnsName", "scheme",
            "port", "sslPolicy");

    private Map<String, String> environment;
    private String member;
    private JsonNode scan;

    @BeforeAll
    void seedAndScan(AwsEmulator emulator) throws Exception {
        IssuedCertificate ca = CertificateBuilder.certificate("CLI CA").certificateAuthority().build();
        FleetSeeder seeder = new FleetSeeder(emulator.clients());
        seeder.ensureOrganization();
        member = seeder.ensureAccount("cli-member", Map.of("owner", "member-team"));
        try (FleetSeeder.Account account = seeder.in(member, Region.EU_WEST_1)) {
            String soon = account.importCertificate(leaf(ca, "soon.cli.test", KeyType.EC_P256, 10), Map.of());
            String later = account.importCertificate(leaf(ca, "later.cli.test", KeyType.RSA_2048, 200),
                    Map.of("owner", "web-team"));
            account.httpsLoadBalancer("cli-alb", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-2021-06", later,
                    List.of(soon));
        }
        environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(), "AWS_REGION", "eu-west-1");

        CliProcess.Result result = CliProcess.run(environment, "scan", "--organization", "--regions",
                "eu-west-1,us-east-1", "--create-table", "--rate-limits", "off", "--json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        scan = JSON.readTree(result.out());
    }

    @Test
    void scanPrintsTheJsonSummary() {
        assertThat(scan.path("accountsPlanned").asInt()).isEqualTo(2);
        assertThat(scan.path("accountRegionsPlanned").asInt()).isEqualTo(4);
        assertThat(scan.path("accountRegionsScanned").asInt()).isEqualTo(4);
        assertThat(scan.path("certificates").asInt()).isEqualTo(2);
        assertThat(scan.path("bindings").asInt()).isEqualTo(2);
        assertThat(scan.path("errors").isArray()).isTrue();
        assertThat(scan.path("errors")).isEmpty();
        assertThat(scan.path("apiCalls").path("acm:ListCertificates").asInt()).isEqualTo(4);
        assertThat(scan.path("apiCalls").path("sts:AssumeRole").asInt()).isEqualTo(2);
        assertThat(scan.path("durationMs").asLong()).isPositive();
    }

    @Test
    void inventoryListPrintsEveryRecordWithItsBindings() throws Exception {
        JsonNode records = listJson();

        assertThat(records).hasSize(2);
        for (JsonNode record : records) {
            assertThat(fieldNames(record)).containsAll(RECORD_FIELDS);
            for (JsonNode binding : record.path("bindings")) {
                assertThat(fieldNames(binding)).containsAll(BINDING_FIELDS);
            }
        }
        JsonNode soon = records.get(0);
        assertThat(soon.path("subject").asText()).isEqualTo("CN=soon.cli.test");
        assertThat(soon.path("daysToExpiry").asInt()).isEqualTo(10);
        assertThat(soon.path("keyAlgorithm").asText()).isEqualTo("EC");
        assertThat(soon.path("keySize").asInt()).isEqualTo(256);
        assertThat(soon.path("source").asText()).isEqualTo("ACM");
        assertThat(soon.path("accountId").asText()).isEqualTo(member);
        assertThat(soon.path("owner").asText()).isEqualTo("member-team");
        assertThat(soon.path("ownerSource").asText()).isEqualTo("ACCOUNT_TAG");
        assertThat(soon.path("removedAt").isNull()).isTrue();
        assertThat(soon.path("bindings")).singleElement().satisfies(binding -> {
            assertThat(binding.path("type").asText()).isEqualTo("ELBV2_LISTENER");
            assertThat(binding.path("isDefault").asBoolean()).isFalse();
            assertThat(binding.path("port").asInt()).isEqualTo(443);
            assertThat(binding.path("sslPolicy").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        });
        assertThat(records.get(1).path("owner").asText()).isEqualTo("web-team");
        assertThat(records.get(1).path("ownerSource").asText()).isEqualTo("CERTIFICATE_TAG");
    }

    @Test
    void filtersSelectByExpiryOwnerAndAccount() throws Exception {
        assertThat(subjects(listJson("--expiring-within", "30"))).containsExactly("CN=soon.cli.test");
        assertThat(subjects(listJson("--owner", "web-team"))).containsExactly("CN=later.cli.test");
        assertThat(subjects(listJson("--account", member))).hasSize(2);
        assertThat(subjects(listJson("--account", "999999999999"))).isEmpty();
        assertThat(subjects(listJson("--expiring-within", "30", "--owner", "web-team"))).isEmpty();
    }

    @Test
    void humanOutputGroupsByOwner() {
        CliProcess.Result result = CliProcess.run(environment, "inventory", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("member-team (1)").contains("web-team (1)")
                .contains("ELBv2 cli-alb:443 (SNI)").contains("account tag").contains("2 certificates, 2 owners.");
    }

    @Test
    void aMissingTableIsAFailureThatSaysWhatToDo() {
        CliProcess.Result result = CliProcess.run(environment, "scan", "--table", "no-such-table");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err().strip()).isEqualTo("certfleet: inventory table 'no-such-table' does not exist in "
                + "eu-west-1: deploy the stack, or pass --create-table");
    }

    @Test
    void withJsonARunFailureIsAlsoOneJsonObjectOnStandardOutput() throws Exception {
        CliProcess.Result result = CliProcess.run(environment, "scan", "--table", "no-such-table", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        JsonNode error = JSON.readTree(result.out()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("Failure");
        assertThat(error.path("exitCode").asInt()).isEqualTo(ExitCode.FAILURE);
        assertThat(error.path("message").asText()).isEqualTo("inventory table 'no-such-table' does not exist in "
                + "eu-west-1: deploy the stack, or pass --create-table");
        assertThat(result.err().strip()).startsWith("certfleet: inventory table 'no-such-table'");
    }

    @Test
    void anUnreachableEndpointIsNamedWithWhereItCameFrom() {
        CliProcess.Result result = CliProcess.run(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), "inventory",
                "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err().strip()).startsWith("certfleet: cannot reach AWS at http://127.0.0.1:1 (from "
                + "AWS_ENDPOINT_URL): ConnectException");
    }

    /** Real AWS (no endpoint set) and no credentials anywhere: one line saying what to set, not the SDK's list. */
    @Test
    void missingCredentialsAreSaidInOneLineWithWhatToSet() throws Exception {
        Path nowhere = Files.createTempDirectory("certfleet-no-aws-config").resolve("none");
        CliProcess.Result result = CliProcess.run(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "",
                "AWS_SESSION_TOKEN", "", "AWS_CONFIG_FILE", nowhere.toString(), "AWS_SHARED_CREDENTIALS_FILE",
                nowhere.toString(), "AWS_EC2_METADATA_DISABLED", "true", "AWS_REGION", "eu-west-1"),
                "inventory", "list", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err().strip()).startsWith("certfleet: no AWS credentials found").contains("AWS_PROFILE")
                .contains("AWS_ENDPOINT_URL").doesNotContain("\n").doesNotContain("AwsCredentialsProviderChain");
        assertThat(JSON.readTree(result.out()).path("error").path("message").asText())
                .startsWith("no AWS credentials found");
    }

    /**
     * An endpoint that accepts connections and never answers: the call's ceiling (default 15 s, set to 3 s here)
     * ends it, not the socket timeout of each of its attempts (it took 93 s before).
     */
    @Test
    void aSilentEndpointFailsWithinTheCallCeilingAndSaysSo() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            CliProcess.Result result = CliProcess.run(Map.of("AWS_ENDPOINT_URL", url,
                    "CERTFLEET_AWS_CALL_TIMEOUT_SECONDS", "3"), "inventory", "list");
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
            assertThat(result.err().strip()).isEqualTo("certfleet: AWS did not answer at " + url + " (from "
                    + "AWS_ENDPOINT_URL) within 3 s, the ceiling of one call (CERTFLEET_AWS_CALL_TIMEOUT_SECONDS "
                    + "sets it)");
            assertThat(took).as("JVM start included").isLessThan(java.time.Duration.ofSeconds(20));
        }
    }

    @Test
    void aCallCeilingThatIsNotANumberIsNamed() {
        CliProcess.Result result = CliProcess.run(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "CERTFLEET_AWS_CALL_TIMEOUT_SECONDS", "soon"), "inventory", "list");

        assertThat(result.exitCode()).isNotEqualTo(ExitCode.OK);
        assertThat(result.err()).contains("CERTFLEET_AWS_CALL_TIMEOUT_SECONDS must be a whole number, got 'soon'");
    }

    private JsonNode listJson(String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("inventory", "list", "--json"));
        args.addAll(List.of(filters));
        CliProcess.Result result = CliProcess.run(environment, args.toArray(String[]::new));
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        return JSON.readTree(result.out());
    }

    private static List<String> subjects(JsonNode records) {
        List<String> subjects = new ArrayList<>();
        records.forEach(record -> subjects.add(record.path("subject").asText()));
        return subjects;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static IssuedCertificate leaf(IssuedCertificate ca, String name, KeyType type, int days) {
        return CertificateBuilder.certificate(name).dnsNames(name).keyType(type).issuedBy(ca)
                .validFor(Instant.now(), Duration.ofDays(days).plusHours(1)).build();
    }
}
