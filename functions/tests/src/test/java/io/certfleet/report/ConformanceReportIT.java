package io.certfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.cli.ExitCode;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.LocalTlsServer;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import io.certfleet.testing.HeadlessChromium;
import io.certfleet.testing.OpenSslServer;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code certfleet report conformance} as a user runs it (the real jar in its own JVM) against TLS servers on
 * loopback: a JDK server that conforms, an {@code openssl s_server} that still speaks TLS 1.0 with CBC suites, and a
 * server whose certificate the inventory (on the emulator) holds with a rotation that put it in place. The HTML page
 * is opened in headless Chromium.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ConformanceReportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final String TABLE = "conformance-it";
    private static final Path DIRECTORY = Path.of("target", "conformance-it");

    private final IssuedCertificate root = CertificateBuilder.certificate("Conformance IT Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate intermediate = CertificateBuilder.certificate("Conformance IT Intermediate")
            .certificateAuthority().issuedBy(root).validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(900))
            .build();

    private IssuedCertificate leaf(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).organization("\\<script\\>alert(1)\\</script\\>")
                .issuedBy(intermediate).validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)).build();
    }

    @Test
    void aConformingEndpointPassesEveryCheckWithEvidenceAndItsPageRendersOffline() throws Exception {
        Files.createDirectories(DIRECTORY);
        Path rootPem = pem("root.pem", root);
        Path html = DIRECTORY.resolve("conforming.html");
        IssuedCertificate ok = leaf("ok.conformance.test");
        try (LocalTlsServer server = LocalTlsServer.serving(ok).start()) {
            CliProcess.Result run = CliProcess.run(Map.of(), "report", "conformance", "--endpoint", server.target(),
                    "--sni", "ok.conformance.test", "--ca-file", rootPem.toString(), "--json", "--html",
                    html.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            JsonNode report = JSON.readTree(run.out());
            assertThat(report.path("conforms").asBoolean()).isTrue();
            assertThat(report.path("target").asText()).isEqualTo(server.target());
            assertThat(report.path("sni").asText()).isEqualTo("ok.conformance.test");
            assertThat(report.path("profile").path("name").asText()).isEqualTo("public-web");
            assertThat(report.path("profile").path("source").asText()).isEqualTo("the default profile");
            assertThat(texts(report.path("checks"), "name")).containsExactly("validity", "expiry-window", "hostname",
                    "trust", "chain-order", "key-strength", "signature-algorithm", "ocsp", "protocol", "cipher", "sni",
                    "expected-certificate", "certificate-profile");
            for (JsonNode check : report.path("checks")) {
                String expected = check.path("name").asText().equals("expected-certificate") ? "NOT_APPLICABLE"
                        : "PASS";
                assertThat(check.path("outcome").asText()).as(check.toString()).isEqualTo(expected);
                assertThat(check.path("evidence")).as(check.toString()).isNotEmpty();
                assertThat(check.path("requirement").asText()).isNotBlank();
            }
            JsonNode tls13 = version(report, "TLSv1.3");
            assertThat(tls13.path("accepted").asBoolean()).isTrue();
            assertThat(tls13.path("suitesEnumerated").asBoolean()).isTrue();
            assertThat(texts(tls13.path("suites"), "name")).as("every TLS 1.3 suite the JDK serves")
                    .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
            assertThat(version(report, "TLSv1").path("accepted").asBoolean()).isFalse();
            assertThat(texts(report.path("chain"), "role")).containsExactly("LEAF", "INTERMEDIATE", "ROOT");
            assertThat(report.path("chain").get(0).path("sha256").asText())
                    .isEqualTo(X509Facts.sha256(ok.certificate()));
            assertThat(report.path("ocsp").asText()).isEqualTo("NONE");
            assertThat(report.path("findings")).isEmpty();
            assertThat(report.path("inventory").isNull()).isTrue();
            assertThat(report.path("inventoryNote").asText()).startsWith("no inventory table was given");
        }

        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script").contains("\\&lt;script\\&gt;alert(1)")
                .doesNotContain("http://").doesNotContain("https://");
        HeadlessChromium.Load load = HeadlessChromium.load(html, DIRECTORY.resolve("conforming.png"));
        assertThat(load.requests()).as("the page made no network request").isEmpty();
        assertThat(load.dom()).contains("Conforms to profile public-web").contains("data-outcome=\"PASS\"")
                .doesNotContain("data-outcome=\"FAIL\"").contains("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(Files.size(DIRECTORY.resolve("conforming.png"))).isGreaterThan(20_000);
    }

    @Test
    void aServerThatStillSpeaksTls10WithCbcSuitesFailsTheProtocolAndCipherChecksWithTheSuitesNamed()
            throws Exception {
        IssuedCertificate rsa = CertificateBuilder.certificate("legacy.conformance.test")
                .dnsNames("legacy.conformance.test").keyType(KeyType.RSA_2048).issuedBy(intermediate)
                .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)).build();
        Path rootPem = pem("root-legacy.pem", root);
        try (OpenSslServer server = OpenSslServer.start(rsa, List.of("-min_protocol", "TLSv1", "-cipher",
                "ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0"))) {
            CliProcess.Result run = CliProcess.run(Map.of(), "report", "conformance", "--endpoint", server.target(),
                    "--sni", "legacy.conformance.test", "--ca-file", rootPem.toString(), "--json");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
            JsonNode report = JSON.readTree(run.out());
            assertThat(report.path("conforms").asBoolean()).isFalse();
            JsonNode protocol = check(report, "protocol");
            assertThat(protocol.path("outcome").asText()).isEqualTo("FAIL");
            assertThat(texts(protocol.path("findings"), "code")).containsExactly("LEGACY_PROTOCOL_ENABLED");
            assertThat(texts(protocol.path("evidence"))).containsExactly("accepted: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3",
                    "refused: none");
            assertThat(texts(check(report, "cipher").path("findings"), "code")).containsExactly("WEAK_CIPHER_ENABLED");
            JsonNode tls10 = version(report, "TLSv1");
            assertThat(tls10.path("allowedByProfile").asBoolean()).isFalse();
            assertThat(texts(tls10.path("suites"), "name")).contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
            assertThat(version(report, "TLSv1.2").path("suites")).anySatisfy(suite -> {
                assertThat(suite.path("name").asText()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
                assertThat(suite.path("allowedByProfile").asBoolean()).isTrue();
            });
            assertThat(texts(report.path("findings"), "code")).containsExactlyInAnyOrder("LEGACY_PROTOCOL_ENABLED",
                    "WEAK_CIPHER_ENABLED");
        }

        CliProcess.Result text = CliProcess.run(Map.of(), "report", "conformance", "--endpoint", "127.0.0.1:1",
                "--timeout-ms", "2000");
        assertThat(text.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(text.out()).contains("DOES NOT CONFORM to profile public-web")
                .contains("no TLS conversation: CONNECTION_REFUSED").contains("CONNECTION_REFUSED (critical)");
    }

    @Test
    void anInventoryEndpointShowsWhetherItsRotationIsAutomatedAndHowItsCertificateArrived(AwsEmulator emulator)
            throws Exception {
        emulator.resetNow();
        IssuedCertificate served = leaf("shop.conformance.test");
        String arn = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION)
                .importCertificate(served, Map.of("owner", "shop-team", "environment", "prod"));
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        wiring.inventoryTable().ensureExists();
        ScanScope scope = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());
        wiring.runScan().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(scope.region())), 1);
        String sha256 = X509Facts.sha256(served.certificate());
        Instant started = NOW.minus(Duration.ofDays(3));
        wiring.rotation().rotations().create(new Rotation("rot-arrived", "ab".repeat(32), "CN=shop (old)",
                "shop-team", "prod", List.of(AwsEmulator.ACCOUNT_ID + "-old-arn"), "public-web", RotationMode.AUTO,
                IssuerChoice.ACM_PUBLIC, Duration.ofMinutes(5), 3, NegotiationSpike.DEFAULT, List.of(), 1,
                RotationStatus.SUCCEEDED, List.of("expires within the rotation window"), "schedule", arn, sha256,
                null, false, null, null, List.of(), null, started, started, started.plus(Duration.ofMinutes(25))),
                List.of());
        Path rootPem = pem("root-inventory.pem", root);
        Path html = DIRECTORY.resolve("inventory.html");

        try (LocalTlsServer server = LocalTlsServer.serving(served).start()) {
            Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString());
            CliProcess.Result run = CliProcess.run(environment, "report", "conformance", "--endpoint",
                    server.target(), "--sni", "shop.conformance.test", "--ca-file", rootPem.toString(), "--table",
                    TABLE, "--json", "--html", html.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            JsonNode report = JSON.readTree(run.out());
            assertThat(report.path("profile").path("source").asText())
                    .isEqualTo("the inventory's: environment 'prod' maps to profile 'public-web'");
            JsonNode inventory = report.path("inventory");
            assertThat(inventory.path("certificateId").asText()).isEqualTo(sha256);
            assertThat(inventory.path("owner").asText()).isEqualTo("shop-team");
            assertThat(texts(inventory.path("locations"), "arn")).containsExactly(arn);
            assertThat(inventory.path("rotation").path("automated").asBoolean()).isTrue();
            assertThat(inventory.path("rotation").path("how").asText()).isEqualTo("CERTFLEET_ROTATES");
            assertThat(inventory.path("rotation").path("explanation").asText()).contains("acm-public");
            assertThat(inventory.path("rotation").path("arrivedBy").path("rotationId").asText())
                    .isEqualTo("rot-arrived");
            assertThat(inventory.path("rotation").path("history")).isEmpty();

            CliProcess.Result text = CliProcess.run(environment, "report", "conformance", "--endpoint",
                    server.target(), "--sni", "shop.conformance.test", "--ca-file", rootPem.toString(), "--table",
                    TABLE);
            assertThat(text.out()).contains("CONFORMS to profile public-web").contains("Rotation AUTOMATED: ")
                    .contains("Put in place by rotation rot-arrived (SUCCEEDED");

            CliProcess.Result missing = CliProcess.run(environment, "report", "conformance", "--endpoint",
                    server.target(), "--table", "no-such-table");
            assertThat(missing.exitCode()).isEqualTo(ExitCode.FAILURE);
            assertThat(missing.err()).contains("inventory table 'no-such-table' does not exist");
        }
        HeadlessChromium.Load load = HeadlessChromium.load(html, DIRECTORY.resolve("inventory.png"));
        assertThat(load.requests()).isEmpty();
        assertThat(load.dom()).contains("Rotation is automated").contains("Put in place by rotation rot-arrived")
                .contains(arn);
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() throws Exception {
        CliProcess.Result noPort = CliProcess.run(Map.of(), "report", "conformance", "--endpoint", "example.com");
        assertThat(noPort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noPort.err()).contains("--endpoint");

        CliProcess.Result policy = CliProcess.run(Map.of(), "report", "conformance", "--endpoint", "127.0.0.1:1",
                "--policy", "nope");
        assertThat(policy.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(policy.err()).contains("no profile is named 'nope' (profiles: public-web, internal-api, partner, "
                + "iot)");

        Path broken = Files.writeString(Files.createDirectories(DIRECTORY).resolve("broken-policy.yaml"),
                "version: 1\nprofiles: [\n");
        CliProcess.Result brokenPolicy = CliProcess.run(Map.of(), "report", "conformance", "--endpoint",
                "127.0.0.1:1", "--policy-file", broken.toString());
        assertThat(brokenPolicy.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(brokenPolicy.err()).contains("--policy-file").contains("broken-policy.yaml");

        CliProcess.Result noHtml = CliProcess.run(Map.of(), "report");
        assertThat(noHtml.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noHtml.err()).contains("give --html FILE for the fleet report, or use 'certfleet report "
                + "conformance --endpoint HOST:PORT'");

        CliProcess.Result htmlDirectory = CliProcess.run(Map.of(), "report", "conformance", "--endpoint",
                "127.0.0.1:1", "--html", "/nonexistent/dir/r.html");
        assertThat(htmlDirectory.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(htmlDirectory.err()).contains("create /nonexistent/dir first");
    }

    private static JsonNode check(JsonNode report, String name) {
        return StreamSupport.stream(report.path("checks").spliterator(), false)
                .filter(check -> check.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode version(JsonNode report, String name) {
        return StreamSupport.stream(report.path("protocols").spliterator(), false)
                .filter(version -> version.path("version").asText().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static Path pem(String name, IssuedCertificate... certificates) throws Exception {
        Path file = Files.createDirectories(DIRECTORY).resolve(name);
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            for (IssuedCertificate certificate : certificates) {
                writer.writeObject(certificate.certificate());
            }
        }
        return file;
    }
}
