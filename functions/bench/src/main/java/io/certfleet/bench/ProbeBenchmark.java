package io.certfleet.bench;

import io.certfleet.testing.OpenSslServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.IssuerLookup;
import io.certfleet.core.probe.ProbeEndpoints;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.LocalTlsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probe benchmark: certfleet's probe next to testssl.sh and sslscan on the same catalogue of broken endpoints
 * (loopback TLS servers, one per root cause), in one run. For each endpoint and tool: wall time, and which of the
 * endpoint's known causes the tool named (each tool's output is mapped to certfleet's finding codes by the rules in
 * {@link #testsslCauses} and {@link #sslscanCauses}; a tool "names" a cause only when its output judges it, not
 * when it merely prints a fact).
 *
 * <pre>./mvnw -B -q -Pbench-probe -pl functions/bench -am verify -DskipTests</pre>
 *
 * testssl runs the checks that can name these causes ({@code -p -s -S}: protocols, standard cipher lists, server
 * defaults with the certificate); its full default run takes minutes per endpoint. Every tool trusts the
 * catalogue's private root ({@code --add-ca} for testssl; sslscan validates no chain). certfleet is timed per
 * endpoint in one JVM after a warm-up probe, and for the whole catalogue at once (how it probes a fleet).
 */
public final class ProbeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Bench Root").keyType(KeyType.EC_P384)
            .certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Bench Intermediate")
            .keyType(KeyType.EC_P256).certificateAuthority().issuedBy(ROOT).validFor(NOW, Duration.ofDays(900))
            .build();
    private static final String NAME = "shop.bench.test";

    /** One endpoint of the catalogue and the causes it has under the public-web policy. */
    private record Endpoint(String name, int port, Set<FindingCode> causes, AutoCloseable server) {
    }

    /** What one tool said about one endpoint. */
    private record Run(Set<FindingCode> named, long millis) {
    }

    private ProbeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        requireTool("testssl", "--version");
        requireTool("sslscan", "--version");
        Path work = Files.createTempDirectory("probe-bench");
        Path rootPem = work.resolve("root.pem");
        Files.writeString(rootPem, ROOT.certificatePem());
        List<Endpoint> all = catalogue();
        // -Dbench.endpoints=N: the first N of the catalogue only (CI's smoke run; testssl takes ~20 s an endpoint)
        List<Endpoint> catalogue = all.subList(0, Math.max(1, Math.min(all.size(),
                Integer.getInteger("bench.endpoints", all.size()))));
        try {
            System.out.printf("certfleet probe benchmark: %d endpoints on loopback, policy public-web%n%n",
                    catalogue.size());
            ProbeEndpoints certfleet = new ProbeEndpoints(new TlsEndpointProber(4), new DiagnoseEndpoint(
                    new TrustMaterial(List.of(ROOT.certificate()), List.of(INTERMEDIATE.certificate())),
                    IssuerLookup.NONE, Clock.systemUTC()));
            certfleet(certfleet, catalogue.getFirst()); // warm-up: class loading and JIT, not measured
            List<Run> ours = new ArrayList<>();
            List<Run> testssl = new ArrayList<>();
            List<Run> sslscan = new ArrayList<>();
            System.out.printf("%-26s %-48s %22s %22s %22s%n", "ENDPOINT", "CAUSES", "certfleet ms (named)",
                    "testssl ms (named)", "sslscan ms (named)");
            for (Endpoint endpoint : catalogue) {
                Run c = certfleet(certfleet, endpoint);
                Run t = testssl(endpoint, rootPem, work);
                Run s = sslscan(endpoint, work);
                ours.add(c);
                testssl.add(t);
                sslscan.add(s);
                System.out.printf("%-26s %-48s %22s %22s %22s%n", endpoint.name(), codes(endpoint.causes()),
                        cell(c, endpoint), cell(t, endpoint), cell(s, endpoint));
            }
            long fleetStarted = System.nanoTime();
            certfleet.probe(catalogue.stream().map(ProbeBenchmark::target).toList(), TlsPolicy.PUBLIC_WEB,
                    Optional.empty(), TIMEOUT, 32);
            long fleetMillis = (System.nanoTime() - fleetStarted) / 1_000_000;
            summary(catalogue, ours, testssl, sslscan, fleetMillis);
        } finally {
            for (Endpoint endpoint : all) {
                endpoint.server().close();
            }
        }
    }

    private static void summary(List<Endpoint> catalogue, List<Run> ours, List<Run> testssl, List<Run> sslscan,
                                long fleetMillis) {
        int expected = catalogue.stream().mapToInt(e -> e.causes().size()).sum();
        double c = mean(ours);
        double t = mean(testssl);
        double s = mean(sslscan);
        System.out.printf("%nper endpoint (mean): certfleet %.0f ms, testssl %.0f ms, sslscan %.0f ms%n", c, t, s);
        System.out.printf("ratio: testssl/certfleet %.1fx, sslscan/certfleet %.1fx%n", t / c, s / c);
        System.out.printf("whole catalogue at once (certfleet, 32 concurrent): %d ms = %.0f ms per endpoint "
                + "(testssl/certfleet %.0fx)%n", fleetMillis, (double) fleetMillis / catalogue.size(),
                t / ((double) fleetMillis / catalogue.size()));
        System.out.printf("causes named correctly (of %d): certfleet %d, testssl %d, sslscan %d%n", expected,
                correct(catalogue, ours), correct(catalogue, testssl), correct(catalogue, sslscan));
        System.out.printf("causes named that the endpoint does not have: certfleet %d, testssl %d, sslscan %d%n",
                wrong(catalogue, ours), wrong(catalogue, testssl), wrong(catalogue, sslscan));
    }

    // --- the catalogue -------------------------------------------------------------------------------------------

    private static List<Endpoint> catalogue() throws Exception {
        List<Endpoint> endpoints = new ArrayList<>();
        jsse(endpoints, "healthy", LocalTlsServer.serving(leaf().build()), Set.of());
        jsse(endpoints, "expired", LocalTlsServer.serving(leaf().validity(NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(1))).build()), Set.of(FindingCode.EXPIRED));
        jsse(endpoints, "not-yet-valid", LocalTlsServer.serving(leaf().validity(NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90))).build()), Set.of(FindingCode.NOT_YET_VALID));
        jsse(endpoints, "expiring-soon", LocalTlsServer.serving(leaf().validity(NOW.minus(Duration.ofDays(80)),
                NOW.plus(Duration.ofDays(10))).build()), Set.of(FindingCode.EXPIRING_SOON));
        jsse(endpoints, "hostname-mismatch", LocalTlsServer.serving(CertificateBuilder.certificate("other.bench.test")
                .dnsNames("other.bench.test").issuedBy(INTERMEDIATE).validFor(NOW, Duration.ofDays(90)).build()),
                Set.of(FindingCode.HOSTNAME_MISMATCH));
        jsse(endpoints, "self-signed", LocalTlsServer.serving(CertificateBuilder.certificate(NAME).dnsNames(NAME)
                .validFor(NOW, Duration.ofDays(90)).build()), Set.of(FindingCode.SELF_SIGNED));
        IssuedCertificate otherRoot = CertificateBuilder.certificate("Other Root").certificateAuthority()
                .validFor(NOW, Duration.ofDays(3650)).build();
        jsse(endpoints, "untrusted-root", LocalTlsServer.serving(CertificateBuilder.certificate(NAME).dnsNames(NAME)
                .issuedBy(otherRoot).validFor(NOW, Duration.ofDays(90)).build()), Set.of(FindingCode.UNTRUSTED_ROOT));
        IssuedCertificate bare = leaf().build();
        jsse(endpoints, "incomplete-chain", LocalTlsServer.serving(LocalTlsServer.Served.exactly(bare,
                bare.certificate())), Set.of(FindingCode.INCOMPLETE_CHAIN));
        IssuedCertificate expiredBare = leaf().validity(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)))
                .build();
        jsse(endpoints, "expired+incomplete", LocalTlsServer.serving(LocalTlsServer.Served.exactly(expiredBare,
                expiredBare.certificate())), Set.of(FindingCode.EXPIRED, FindingCode.INCOMPLETE_CHAIN));
        jsse(endpoints, "weak-key", LocalTlsServer.serving(leaf().keyType(KeyType.RSA_1024).build()),
                Set.of(FindingCode.WEAK_KEY));
        jsse(endpoints, "weak-signature", LocalTlsServer.serving(leaf().keyType(KeyType.RSA_2048)
                .issuedBy(rsaIntermediate()).signatureAlgorithm("SHA1withRSA").build()),
                Set.of(FindingCode.WEAK_SIGNATURE));
        jsse(endpoints, "cbc-enabled", LocalTlsServer.serving(leaf().build()).suites("TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
                Set.of(FindingCode.WEAK_CIPHER_ENABLED));
        openssl(endpoints, "tls1.0-only", List.of("-tls1", "-cipher", "ALL:@SECLEVEL=0"),
                Set.of(FindingCode.PROTOCOL_MISMATCH, FindingCode.LEGACY_PROTOCOL_ENABLED,
                        FindingCode.WEAK_CIPHER_ENABLED));
        openssl(endpoints, "static-rsa-only", List.of("-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0"),
                Set.of(FindingCode.CIPHER_MISMATCH, FindingCode.WEAK_CIPHER_ENABLED));
        return endpoints;
    }

    private static IssuedCertificate rsaIntermediate() {
        return CertificateBuilder.certificate("Bench RSA Intermediate").keyType(KeyType.RSA_2048)
                .certificateAuthority().issuedBy(ROOT).validFor(NOW, Duration.ofDays(900)).build();
    }

    private static CertificateBuilder leaf() {
        return CertificateBuilder.certificate(NAME).dnsNames(NAME).issuedBy(INTERMEDIATE)
                .validFor(NOW, Duration.ofDays(90));
    }

    private static void jsse(List<Endpoint> endpoints, String name, LocalTlsServer.Builder server,
                             Set<FindingCode> causes) throws Exception {
        LocalTlsServer started = server.start();
        endpoints.add(new Endpoint(name, started.port(), causes, started));
    }

    private static void openssl(List<Endpoint> endpoints, String name, List<String> options, Set<FindingCode> causes)
            throws Exception {
        OpenSslServer server = OpenSslServer.start(leaf().keyType(KeyType.RSA_2048).build(), options);
        endpoints.add(new Endpoint(name, server.port(), causes, server));
    }

    private static ProbeTarget target(Endpoint endpoint) {
        return new ProbeTarget("127.0.0.1", endpoint.port(), Optional.of(NAME));
    }

    // --- the tools -----------------------------------------------------------------------------------------------

    private static Run certfleet(ProbeEndpoints probe, Endpoint endpoint) {
        long started = System.nanoTime();
        Diagnosis diagnosis = probe.probe(List.of(target(endpoint)), TlsPolicy.PUBLIC_WEB, Optional.empty(), TIMEOUT,
                1).getFirst();
        Set<FindingCode> named = EnumSet.noneOf(FindingCode.class);
        named.addAll(diagnosis.codes());
        return new Run(named, (System.nanoTime() - started) / 1_000_000);
    }

    private static Run testssl(Endpoint endpoint, Path rootPem, Path work) throws Exception {
        Path json = work.resolve("testssl-" + endpoint.name() + ".json");
        Files.deleteIfExists(json);
        long started = System.nanoTime();
        run(List.of("testssl", "--quiet", "--warnings", "off", "--color", "0", "-p", "-s", "-S",
                "--add-ca", rootPem.toString(), "--ip", "127.0.0.1", "--jsonfile", json.toString(),
                NAME + ":" + endpoint.port()), Duration.ofMinutes(5));
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Run(testsslCauses(JSON.readTree(json.toFile())), millis);
    }

    private static Run sslscan(Endpoint endpoint, Path work) throws Exception {
        Path xml = work.resolve("sslscan-" + endpoint.name() + ".xml");
        long started = System.nanoTime();
        run(List.of("sslscan", "--no-colour", "--sni-name=" + NAME, "--xml=" + xml,
                "127.0.0.1:" + endpoint.port()), Duration.ofMinutes(2));
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Run(sslscanCauses(Files.readString(xml, StandardCharsets.UTF_8)), millis);
    }

    /**
     * testssl's JSON findings as finding codes: expiration status (expired, expires soon), chain of trust (its
     * failure reason: expired, not yet valid, self signed, chain incomplete, else untrusted), cert_trust naming a
     * mismatch with the
     * URI, key size and signature algorithm rated above OK/INFO, list ordering problems, TLS 1.0/1.1 offered, no
     * TLS 1.2/1.3, weak cipher lists offered (NULL, aNULL, EXPORT, LOW, 3DES/IDEA, and "AVERAGE": obsolete CBC),
     * and no STRONG (AEAD with forward secrecy) list offered while TLS 1.2 or 1.3 is.
     */
    static Set<FindingCode> testsslCauses(JsonNode findings) {
        Set<FindingCode> causes = EnumSet.noneOf(FindingCode.class);
        Function<String, String> finding = id -> {
            for (JsonNode node : findings) {
                if (node.path("id").asText().startsWith(id)) {
                    return (node.path("finding").asText() + " |" + node.path("severity").asText())
                            .toLowerCase(Locale.ROOT);
                }
            }
            return "";
        };
        String expiration = finding.apply("cert_expirationStatus");
        String chain = finding.apply("cert_chain_of_trust");
        if (expiration.contains("expired") || chain.contains("(expired")) {
            causes.add(FindingCode.EXPIRED);
        }
        if (chain.contains("not yet valid")) {
            causes.add(FindingCode.NOT_YET_VALID);
        }
        if (expiration.contains("expires <")) {
            causes.add(FindingCode.EXPIRING_SOON);
        }
        if (chain.startsWith("failed") && !chain.contains("expired") && !chain.contains("not yet valid")) {
            causes.add(chain.contains("self signed") && !chain.contains("in chain") ? FindingCode.SELF_SIGNED
                    : chain.contains("incomplete") || chain.contains("local issuer") ? FindingCode.INCOMPLETE_CHAIN
                    : FindingCode.UNTRUSTED_ROOT);
        }
        if (finding.apply("cert_trust").contains("does not match") || finding.apply("cert_trust").contains("mismatch")) {
            causes.add(FindingCode.HOSTNAME_MISMATCH);
        }
        if (rated(finding.apply("cert_keySize"))) {
            causes.add(FindingCode.WEAK_KEY);
        }
        if (rated(finding.apply("cert_signatureAlgorithm"))) {
            causes.add(FindingCode.WEAK_SIGNATURE);
        }
        if (finding.apply("certs_list_ordering_problem").startsWith("yes")) {
            causes.add(FindingCode.CHAIN_ORDER);
        }
        boolean legacy = offeredExactly(findings, "TLS1") || offeredExactly(findings, "TLS1_1");
        if (legacy) {
            causes.add(FindingCode.LEGACY_PROTOCOL_ENABLED);
        }
        boolean modern = offeredExactly(findings, "TLS1_2") || offeredExactly(findings, "TLS1_3");
        if (!modern) {
            causes.add(FindingCode.PROTOCOL_MISMATCH);
        }
        for (String list : List.of("cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW",
                "cipherlist_3DES_IDEA", "cipherlist_AVERAGE")) {
            if (offered(finding.apply(list))) {
                causes.add(FindingCode.WEAK_CIPHER_ENABLED);
            }
        }
        if (modern && !offered(finding.apply("cipherlist_STRONG"))) {
            causes.add(FindingCode.CIPHER_MISMATCH);
        }
        return causes;
    }

    private static boolean offeredExactly(JsonNode findings, String id) {
        for (JsonNode node : findings) {
            if (node.path("id").asText().equals(id)) {
                return offered(node.path("finding").asText().toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    private static boolean offered(String finding) {
        return finding.startsWith("offered");
    }

    /** Rated worse than OK or INFO by testssl. */
    private static boolean rated(String finding) {
        return finding.endsWith("|low") || finding.endsWith("|medium") || finding.endsWith("|high")
                || finding.endsWith("|critical");
    }

    /**
     * sslscan's XML as finding codes: expired, self-signed, an RSA key under 2048 bits or a SHA-1/MD5 signature
     * (both shown as weak by sslscan), TLS 1.0/1.1 enabled, neither TLS 1.2 nor 1.3 enabled, an accepted cipher of
     * strength null/anonymous/weak/medium, and no "strong" cipher while TLS 1.2 is enabled. sslscan validates no
     * chain and checks no host name.
     */
    static Set<FindingCode> sslscanCauses(String xml) {
        Set<FindingCode> causes = EnumSet.noneOf(FindingCode.class);
        if (xml.contains("<expired>true</expired>")) {
            causes.add(FindingCode.EXPIRED);
        }
        if (xml.contains("<self-signed>true</self-signed>")) {
            causes.add(FindingCode.SELF_SIGNED);
        }
        Matcher key = Pattern.compile("<pk error=\"false\" type=\"RSA\" bits=\"(\\d+)\"").matcher(xml);
        if (key.find() && Integer.parseInt(key.group(1)) < 2048) {
            causes.add(FindingCode.WEAK_KEY);
        }
        Matcher signature = Pattern.compile("<signature-algorithm>([^<]+)</signature-algorithm>").matcher(xml);
        if (signature.find() && signature.group(1).toLowerCase(Locale.ROOT).matches("(sha1|md5).*")) {
            causes.add(FindingCode.WEAK_SIGNATURE);
        }
        if (enabled(xml, "1.0") || enabled(xml, "1.1")) {
            causes.add(FindingCode.LEGACY_PROTOCOL_ENABLED);
        }
        if (!enabled(xml, "1.2") && !enabled(xml, "1.3")) {
            causes.add(FindingCode.PROTOCOL_MISMATCH);
        }
        if (Pattern.compile("<cipher status=\"(accepted|preferred)\"[^>]*strength=\"(null|anonymous|weak|medium)\"")
                .matcher(xml).find()) {
            causes.add(FindingCode.WEAK_CIPHER_ENABLED);
        }
        boolean strong = Pattern.compile("<cipher status=\"(accepted|preferred)\"[^>]*strength=\"strong\"")
                .matcher(xml).find();
        boolean tls13Cipher = xml.contains("sslversion=\"TLSv1.3\" bits=");
        if (enabled(xml, "1.2") && !strong && !tls13Cipher) {
            causes.add(FindingCode.CIPHER_MISMATCH);
        }
        return causes;
    }

    private static boolean enabled(String xml, String version) {
        return xml.contains("<protocol type=\"tls\" version=\"" + version + "\" enabled=\"1\"");
    }

    // --- plumbing ------------------------------------------------------------------------------------------------

    private static void run(List<String> command, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish within " + timeout);
        }
    }

    private static void requireTool(String tool, String versionFlag) {
        try {
            Process process = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(tool + " is not installed: apt-get install -y testssl.sh sslscan ("
                    + e.getMessage() + ")");
        }
    }

    private static String codes(Set<FindingCode> causes) {
        return causes.isEmpty() ? "(none)" : String.join(",", causes.stream().map(Enum::name).sorted().toList());
    }

    private static String cell(Run run, Endpoint endpoint) {
        Set<FindingCode> right = EnumSet.noneOf(FindingCode.class);
        right.addAll(run.named());
        right.retainAll(endpoint.causes());
        int extra = run.named().size() - right.size();
        return run.millis() + " (" + right.size() + "/" + endpoint.causes().size() + (extra > 0 ? " +" + extra : "")
                + ")";
    }

    private static int correct(List<Endpoint> catalogue, List<Run> runs) {
        int correct = 0;
        for (int i = 0; i < catalogue.size(); i++) {
            for (FindingCode code : runs.get(i).named()) {
                correct += catalogue.get(i).causes().contains(code) ? 1 : 0;
            }
        }
        return correct;
    }

    private static int wrong(List<Endpoint> catalogue, List<Run> runs) {
        int wrong = 0;
        for (int i = 0; i < catalogue.size(); i++) {
            for (FindingCode code : runs.get(i).named()) {
                wrong += catalogue.get(i).causes().contains(code) ? 0 : 1;
            }
        }
        return wrong;
    }

    private static double mean(List<Run> runs) {
        return runs.stream().mapToLong(Run::millis).average().orElse(0);
    }
}
