package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.LocalTlsServer;
import io.certfleet.testing.CliProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code certfleet probe} as a user runs it: the real jar in its own JVM, against TLS servers on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final List<String> FIELDS = List.of("target", "sni", "ok", "causes", "severity", "protocol",
            "cipherSuite", "acceptedProtocols", "leaf", "chain", "ocspStapled", "durationMs", "error");
    private static final List<String> LEAF_FIELDS = List.of("subject", "sans", "issuer", "serial", "sha256",
            "notBefore", "notAfter", "keyAlgorithm", "keySize", "signatureAlgorithm");

    private final IssuedCertificate root = CertificateBuilder.certificate("CLI Probe Root").certificateAuthority()
            .validFor(NOW, Duration.ofDays(3650)).build();
    private final IssuedCertificate intermediate = CertificateBuilder.certificate("CLI Probe Intermediate")
            .certificateAuthority().issuedBy(root).validFor(NOW, Duration.ofDays(900)).build();
    private final IssuedCertificate healthy = CertificateBuilder.certificate("ok.cli.test").dnsNames("ok.cli.test")
            .issuedBy(intermediate).validFor(NOW, Duration.ofDays(90)).build();
    private final IssuedCertificate expired = CertificateBuilder.certificate("old.cli.test").dnsNames("old.cli.test")
            .issuedBy(intermediate).validity(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1))).build();

    private LocalTlsServer healthyServer;
    private LocalTlsServer expiredWithoutIntermediate;
    private Path rootPem;
    private Path bundlePem;

    private Path directory;

    @BeforeAll
    void start(@TempDir Path temporary) throws Exception {
        directory = temporary;
        healthyServer = LocalTlsServer.serving(healthy).start();
        expiredWithoutIntermediate = LocalTlsServer.serving(LocalTlsServer.Served.exactly(expired,
                expired.certificate())).start();
        rootPem = pem("root.pem", root);
        bundlePem = pem("bundle.pem", root, intermediate);
    }

    @AfterAll
    void stop() throws Exception {
        healthyServer.close();
        expiredWithoutIntermediate.close();
    }

    @Test
    void jsonHasOneObjectPerTargetInInputOrderWithEveryField() throws Exception {
        int closed = closedPort();
        CliProcess.Result result = probe("--json", "--ca-file", bundlePem.toString(),
                expiredWithoutIntermediate.target(), "--sni", "old.cli.test", "127.0.0.1:" + closed);

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode array = JSON.readTree(result.out());
        assertThat(array).hasSize(2);
        JsonNode first = array.get(0);
        assertThat(names(first)).containsAll(FIELDS);
        assertThat(first.path("target").asText()).isEqualTo(expiredWithoutIntermediate.target());
        assertThat(first.path("sni").asText()).isEqualTo("old.cli.test");
        assertThat(first.path("ok").asBoolean()).isFalse();
        assertThat(texts(first.path("causes"))).containsExactlyInAnyOrder("EXPIRED", "INCOMPLETE_CHAIN");
        assertThat(first.path("severity").asText()).isEqualTo("critical");
        assertThat(first.path("protocol").asText()).isEqualTo("TLSv1.3");
        assertThat(first.path("cipherSuite").asText()).startsWith("TLS_");
        assertThat(texts(first.path("acceptedProtocols"))).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(names(first.path("leaf"))).containsAll(LEAF_FIELDS);
        assertThat(first.path("leaf").path("sha256").asText()).isEqualTo(X509Facts.sha256(expired.certificate()));
        assertThat(first.path("leaf").path("sans").get(0).asText()).isEqualTo("old.cli.test");
        assertThat(first.path("leaf").path("keySize").asInt()).isEqualTo(256);
        assertThat(first.path("chain")).isEmpty();
        assertThat(first.path("ocspStapled").asBoolean()).isFalse();
        assertThat(first.path("error").isNull()).isTrue();
        JsonNode second = array.get(1);
        assertThat(second.path("target").asText()).isEqualTo("127.0.0.1:" + closed);
        assertThat(texts(second.path("causes"))).containsExactly("CONNECTION_REFUSED");
        assertThat(second.path("leaf").isNull()).isTrue();
        assertThat(second.path("error").asText()).isNotBlank();
    }

    @Test
    void aHealthyTargetExitsZeroAndTheTableSaysSo() {
        CliProcess.Result result = probe("--ca-file", rootPem.toString(), "--sni", "ok.cli.test",
                healthyServer.target());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("TARGET").contains(healthyServer.target()).contains("ok.cli.test")
                .contains("1 of 1 target(s) healthy under policy public-web.");
    }

    @Test
    void caFilesReplaceTheDefaultTrustStore() throws Exception {
        CliProcess.Result withJdkRoots = probe("--json", "--sni", "ok.cli.test", healthyServer.target());

        assertThat(withJdkRoots.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(texts(JSON.readTree(withJdkRoots.out()).get(0).path("causes"))).containsExactly("UNTRUSTED_ROOT");
    }

    @Test
    void aTargetsFileCarriesSniNamesAndComments() throws Exception {
        Path file = Files.writeString(directory.resolve("targets.txt"), """
                # the shop
                %s ok.cli.test

                %s   old.cli.test   # expired
                """.formatted(healthyServer.target(), expiredWithoutIntermediate.target()));

        CliProcess.Result result = probe("--json", "--ca-file", bundlePem.toString(), "--targets-file",
                file.toString());

        JsonNode array = JSON.readTree(result.out());
        assertThat(array).hasSize(2);
        assertThat(array.get(0).path("sni").asText()).isEqualTo("ok.cli.test");
        assertThat(array.get(0).path("ok").asBoolean()).isTrue();
        assertThat(array.get(1).path("sni").asText()).isEqualTo("old.cli.test");
        assertThat(texts(array.get(1).path("causes"))).contains("EXPIRED");
    }

    @Test
    void expectSha256NamesTheWrongCertificate() throws Exception {
        String other = X509Facts.sha256(expired.certificate()).toUpperCase().replaceAll("(..)(?!$)", "$1:");

        CliProcess.Result result = probe("--json", "--ca-file", rootPem.toString(), "--sni", "ok.cli.test",
                "--expect-sha256", other, healthyServer.target());

        assertThat(texts(JSON.readTree(result.out()).get(0).path("causes"))).containsExactly("WRONG_CERTIFICATE");
    }

    @Test
    void connectToSendsTheConnectionElsewhereButKeepsTheNameItChecks() throws Exception {
        int port = Integer.parseInt(healthyServer.target().substring(healthyServer.target().lastIndexOf(':') + 1));

        CliProcess.Result redirected = probe("--json", "--ca-file", rootPem.toString(), "--connect-to",
                "ok.cli.test:443:127.0.0.1:" + port, "ok.cli.test:443");
        CliProcess.Result wrongName = probe("--json", "--ca-file", rootPem.toString(), "--connect-to",
                "::127.0.0.1:" + port, "other.cli.test:443");

        assertThat(redirected.exitCode()).as(redirected.err()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(redirected.out()).get(0).path("target").asText()).isEqualTo("ok.cli.test:443");
        assertThat(texts(JSON.readTree(wrongName.out()).get(0).path("causes"))).as("the name asked for is checked")
                .contains("HOSTNAME_MISMATCH");
        assertUsage(probe("--connect-to", "ok.cli.test:443", "a.test:443"), "certfleet probe: --connect-to "
                + "'ok.cli.test:443' is not HOST:PORT:HOST2:PORT2 (curl's --connect-to; an empty part matches or keeps "
                + "any, e.g. shop.example.com:443:127.0.0.1:8443)");
    }

    @Test
    void aPolicyFileAppliesItsDefaultProfile() throws Exception {
        Path policy = Files.writeString(directory.resolve("policy.yaml"), """
                version: 1
                profiles:
                  long-notice:
                    extends: public-web
                    expiryWarningDays: 120
                """);

        CliProcess.Result result = probe("--json", "--ca-file", rootPem.toString(), "--sni", "ok.cli.test",
                "--policy-file", policy.toString(), healthyServer.target());

        assertThat(texts(JSON.readTree(result.out()).get(0).path("causes"))).containsExactly("EXPIRING_SOON");
        assertThat(probe("--ca-file", rootPem.toString(), "--sni", "ok.cli.test", "--policy", "iot",
                healthyServer.target()).exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void usageErrorsExitTwoWithOneSpecificLine() throws Exception {
        Path badPolicy = Files.writeString(directory.resolve("bad.yaml"), "version: 1\nprofiles:\n  x:\n"
                + "    extends: public-web\n    cipherSuites: [RC4-MD5]\n");
        Path notPem = Files.writeString(directory.resolve("not.pem"), "hello");
        Path targets = Files.writeString(directory.resolve("bad-targets.txt"), "ok.example:443\nno-port\n");

        assertUsage(probe(), "certfleet probe: no target given: name host:port targets or a --targets-file");
        assertUsage(probe("example.com"), "certfleet probe: target 'example.com' is not host:port");
        assertUsage(probe("::1:443"), "certfleet probe: target '::1:443': write IPv6 targets as [address]:port");
        assertUsage(probe("a.test:70000"), "certfleet probe: target 'a.test:70000': port must be 1-65535");
        assertUsage(probe("--policy", "strict", "a.test:443"), "certfleet probe: --policy: no built-in policy is "
                + "named 'strict' (built-in: public-web, internal-api, partner, iot; or give --policy-file)");
        assertUsage(probe("--policy-file", badPolicy.toString(), "a.test:443"), "certfleet probe: --policy-file "
                + badPolicy + ":5: profiles.x.cipherSuites[0]: unknown cipher suite 'RC4-MD5' (IANA names, e.g. "
                + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
        assertUsage(probe("--ca-file", notPem.toString(), "a.test:443"), "certfleet probe: --ca-file " + notPem
                + " holds no PEM '-----BEGIN CERTIFICATE-----' block");
        assertUsage(probe("--expect-sha256", "abc", "a.test:443"), "certfleet probe: --expect-sha256 must be 64 hex "
                + "digits (colons allowed), got 'abc'");
        assertUsage(probe("--timeout-ms", "0", "a.test:443"), "certfleet probe: --timeout-ms must be 1-300000, "
                + "got 0");
        assertUsage(probe("--targets-file", targets.toString()), "certfleet probe: " + targets + ":2 'no-port' is "
                + "not host:port");
        assertThat(probe("--policy", "iot", "--policy-file", badPolicy.toString(), "a.test:443").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    private static void assertUsage(CliProcess.Result result, String firstLine) {
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().findFirst().orElse("")).isEqualTo(firstLine
                + " (see 'certfleet probe --help')");
    }

    private static CliProcess.Result probe(String... args) {
        List<String> all = new ArrayList<>(List.of("probe"));
        if (!List.of(args).contains("--timeout-ms")) {
            all.addAll(List.of("--timeout-ms", "3000"));
        }
        all.addAll(List.of(args));
        return CliProcess.run(Map.of(), all.toArray(String[]::new));
    }

    private Path pem(String name, IssuedCertificate... certificates) throws Exception {
        Path file = directory.resolve(name);
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            for (IssuedCertificate certificate : certificates) {
                writer.writeObject(certificate.certificate());
            }
        }
        return file;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        Iterator<JsonNode> elements = array.elements();
        return StreamSupport.stream(((Iterable<JsonNode>) () -> elements).spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
