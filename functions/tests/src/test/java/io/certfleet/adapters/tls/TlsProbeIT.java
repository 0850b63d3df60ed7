package io.certfleet.adapters.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.EndpointObservation;
import io.certfleet.core.probe.IssuerLookup;
import io.certfleet.core.probe.ProbeEndpoints;
import io.certfleet.core.probe.ProbeSettings;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.probe.VersionSupport;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.LocalTlsServer;
import io.certfleet.testing.OpenSslServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * The probe over real sockets: in-JVM TLS servers with Bouncy Castle certificates, {@code openssl s_server} for
 * what the JDK cannot serve, and hostile peers. One test per cause code, combinations, and the hostile peers.
 */
class TlsProbeIT {

    private static final Instant NOW = Instant.now();
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Probe IT Root")
            .keyType(KeyType.EC_P384).certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Probe IT Intermediate")
            .keyType(KeyType.EC_P256).certificateAuthority().issuedBy(ROOT).validFor(NOW, Duration.ofDays(900))
            .build();
    private static final String NAME = "shop.probe.test";

    private static CertificateBuilder leaf() {
        return CertificateBuilder.certificate(NAME).dnsNames(NAME).issuedBy(INTERMEDIATE)
                .validFor(NOW, Duration.ofDays(90));
    }

    private static Diagnosis probe(String target, String sni) {
        return probe(target, sni, new TrustMaterial(List.of(ROOT.certificate()), List.of()), TlsPolicy.PUBLIC_WEB,
                Optional.empty());
    }

    private static Diagnosis probe(String target, String sni, TrustMaterial trust, TlsPolicy policy,
                                   Optional<String> expected) {
        return probe(target, sni, trust, IssuerLookup.NONE, policy, expected);
    }

    private static Diagnosis probe(String target, String sni, TrustMaterial trust, IssuerLookup issuers,
                                   TlsPolicy policy, Optional<String> expected) {
        ProbeEndpoints probe = new ProbeEndpoints(new TlsEndpointProber(4),
                new DiagnoseEndpoint(trust, issuers, Clock.systemUTC()));
        return probe.probe(List.of(ProbeTarget.parse(target, Optional.ofNullable(sni))), policy, expected, TIMEOUT, 4)
                .getFirst();
    }

    @Test
    void aHealthyEndpointHasNoCauseAndShowsWhatWasNegotiated() throws Exception {
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().build()).start()) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.findings()).isEmpty();
            assertThat(diagnosis.protocol()).contains(TlsVersion.TLS_1_3);
            assertThat(diagnosis.cipherSuite()).hasValueSatisfying(c -> assertThat(c).startsWith("TLS_AES_"));
            assertThat(diagnosis.acceptedProtocols()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
            assertThat(diagnosis.leaf()).hasValueSatisfying(l -> assertThat(l.sans()).containsExactly(NAME));
            assertThat(diagnosis.chain()).extracting(c -> c.subject())
                    .containsExactly("CN=Probe IT Intermediate", "CN=Probe IT Root");
        }
    }

    @Test
    void expired() throws Exception {
        assertCauses(LocalTlsServer.serving(leaf().validity(NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(1))).build()), FindingCode.EXPIRED);
    }

    @Test
    void notYetValid() throws Exception {
        assertCauses(LocalTlsServer.serving(leaf().validity(NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90))).build()), FindingCode.NOT_YET_VALID);
    }

    @Test
    void expiringSoon() throws Exception {
        assertCauses(LocalTlsServer.serving(leaf().validFor(NOW, Duration.ofDays(10)).build()),
                FindingCode.EXPIRING_SOON);
    }

    @Test
    void hostnameMismatch() throws Exception {
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().build()).start()) {
            assertThat(probe(server.target(), "other.probe.test").codes())
                    .containsExactly(FindingCode.HOSTNAME_MISMATCH);
        }
    }

    @Test
    void selfSigned() throws Exception {
        assertCauses(LocalTlsServer.serving(CertificateBuilder.certificate(NAME).dnsNames(NAME)
                .validFor(NOW, Duration.ofDays(90)).build()), FindingCode.SELF_SIGNED);
    }

    @Test
    void untrustedRoot() throws Exception {
        IssuedCertificate otherRoot = CertificateBuilder.certificate("Other Root").certificateAuthority().build();
        IssuedCertificate leaf = CertificateBuilder.certificate(NAME).dnsNames(NAME).issuedBy(otherRoot)
                .validFor(NOW, Duration.ofDays(90)).build();
        assertCauses(LocalTlsServer.serving(LocalTlsServer.Served.exactly(leaf, leaf.certificate(),
                otherRoot.certificate())), FindingCode.UNTRUSTED_ROOT);
    }

    /** OpenSSL's "unable to get local issuer certificate", testssl.sh's "chain incomplete": not an untrusted root. */
    @Test
    void anIssuerFoundNowhereIsAnIncompleteChainNamingTheMissingIssuer() throws Exception {
        IssuedCertificate otherRoot = CertificateBuilder.certificate("Other Root").certificateAuthority().build();
        IssuedCertificate leaf = CertificateBuilder.certificate(NAME).dnsNames(NAME).issuedBy(otherRoot)
                .validFor(NOW, Duration.ofDays(90)).build();
        try (LocalTlsServer server = LocalTlsServer.serving(LocalTlsServer.Served.exactly(leaf, leaf.certificate()))
                .start()) {
            var result = probe(server.target(), NAME, new TrustMaterial(List.of(ROOT.certificate()), List.of()),
                    TlsPolicy.PUBLIC_WEB, Optional.empty());
            assertThat(result.codes()).containsExactly(FindingCode.INCOMPLETE_CHAIN);
            assertThat(result.findings().getFirst().detail()).contains("'CN=Other Root'").contains("key identifier");
        }
    }

    @Test
    void incompleteChain() throws Exception {
        IssuedCertificate certificate = leaf().build();
        try (LocalTlsServer server = LocalTlsServer.serving(LocalTlsServer.Served.exactly(certificate,
                certificate.certificate())).start()) {
            TrustMaterial knowingTheIntermediate = new TrustMaterial(List.of(ROOT.certificate()),
                    List.of(INTERMEDIATE.certificate()));

            assertThat(probe(server.target(), NAME, knowingTheIntermediate, TlsPolicy.PUBLIC_WEB, Optional.empty())
                    .codes()).containsExactly(FindingCode.INCOMPLETE_CHAIN);
        }
    }

    @Test
    void incompleteChainFoundThroughTheIssuersAiaUrlWhenOnlyTheRootIsKnown() throws Exception {
        com.sun.net.httpserver.HttpServer aia = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] intermediate = INTERMEDIATE.certificate().getEncoded();
        aia.createContext("/ca.der", exchange -> {
            exchange.sendResponseHeaders(200, intermediate.length);
            try (var out = exchange.getResponseBody()) {
                out.write(intermediate);
            }
        });
        aia.start();
        IssuedCertificate certificate = leaf().caIssuersUrl("http://127.0.0.1:" + aia.getAddress().getPort()
                + "/ca.der").build();
        TrustMaterial rootOnly = new TrustMaterial(List.of(ROOT.certificate()), List.of());
        try (LocalTlsServer server = LocalTlsServer.serving(LocalTlsServer.Served.exactly(certificate,
                certificate.certificate())).start()) {
            var withoutAia = probe(server.target(), NAME, rootOnly, IssuerLookup.NONE, TlsPolicy.PUBLIC_WEB,
                    Optional.empty());
            assertThat(withoutAia.codes()).containsExactly(FindingCode.INCOMPLETE_CHAIN);
            assertThat(withoutAia.findings().getFirst().detail()).contains("found neither");
            var withAia = probe(server.target(), NAME, rootOnly, new AiaIssuerLookup(TIMEOUT), TlsPolicy.PUBLIC_WEB,
                    Optional.empty());
            assertThat(withAia.codes()).containsExactly(FindingCode.INCOMPLETE_CHAIN);
            assertThat(withAia.findings().getFirst().detail()).contains("through AIA")
                    .contains("reaches a trusted root");
        } finally {
            aia.stop(0);
        }
    }

    @Test
    void chainOrder() throws Exception {
        IssuedCertificate certificate = leaf().build();
        assertCauses(LocalTlsServer.serving(LocalTlsServer.Served.exactly(certificate, certificate.certificate(),
                ROOT.certificate(), INTERMEDIATE.certificate())), FindingCode.CHAIN_ORDER);
    }

    @Test
    void weakKey() throws Exception {
        assertCauses(LocalTlsServer.serving(leaf().keyType(KeyType.RSA_1024).build()), FindingCode.WEAK_KEY);
    }

    @Test
    void weakSignature() throws Exception {
        IssuedCertificate rsaIntermediate = CertificateBuilder.certificate("RSA Intermediate").keyType(KeyType.RSA_2048)
                .certificateAuthority().issuedBy(ROOT).validFor(NOW, Duration.ofDays(900)).build();
        assertCauses(LocalTlsServer.serving(CertificateBuilder.certificate(NAME).dnsNames(NAME)
                .keyType(KeyType.RSA_2048).issuedBy(rsaIntermediate).signatureAlgorithm("SHA1withRSA")
                .validFor(NOW, Duration.ofDays(90)).build()), FindingCode.WEAK_SIGNATURE);
    }

    @Test
    void revokedByTheStapledOcspResponse() throws Exception {
        IssuedCertificate certificate = leaf().build();
        Path revoked = OpenSslServer.file("revoked", ocspResponse(certificate));
        try (OpenSslServer server = OpenSslServer.start(certificate, List.of("-status_file", revoked.toString(),
                "-cipher", "ECDHE+AESGCM:ECDHE+CHACHA20"))) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.codes()).containsExactly(FindingCode.REVOKED);
            assertThat(diagnosis.ocspStapled()).isTrue();
        }
    }

    @Test
    void ocspStapleMissingWhereThePolicyRequiresOne() throws Exception {
        TlsPolicy stapling = TlsPolicy.PUBLIC_WEB.toBuilder().name("stapling").requireOcspStaple(true)
                .build();
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().build()).start()) {
            assertThat(probe(server.target(), NAME, new TrustMaterial(List.of(ROOT.certificate()), List.of()),
                    stapling, Optional.empty()).codes()).containsExactly(FindingCode.OCSP_STAPLE_MISSING);
        }
    }

    @Test
    void protocolMismatchOnATls10OnlyServerWhoseChainIsStillRead() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(leaf().keyType(KeyType.RSA_2048).build(),
                List.of("-tls1", "-cipher", "ALL:@SECLEVEL=0"))) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.codes()).contains(FindingCode.PROTOCOL_MISMATCH, FindingCode.LEGACY_PROTOCOL_ENABLED,
                    FindingCode.WEAK_CIPHER_ENABLED).doesNotContain(FindingCode.NOT_TLS);
            assertThat(diagnosis.acceptedProtocols()).containsExactly(TlsVersion.TLS_1_0);
            assertThat(diagnosis.protocol()).contains(TlsVersion.TLS_1_0);
            assertThat(diagnosis.leaf()).hasValueSatisfying(l -> assertThat(l.subject()).isEqualTo("CN=" + NAME));
        }
    }

    @Test
    void legacyProtocolEnabledNextToModernOnes() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(leaf().keyType(KeyType.RSA_2048).build(),
                List.of("-min_protocol", "TLSv1", "-cipher", "ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0"))) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.codes()).containsExactlyInAnyOrder(FindingCode.LEGACY_PROTOCOL_ENABLED,
                    FindingCode.WEAK_CIPHER_ENABLED);
            assertThat(diagnosis.acceptedProtocols()).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1,
                    TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        }
    }

    @Test
    void cipherMismatchWhenOnlyCbcSuitesAreOffered() throws Exception {
        assertCauses(LocalTlsServer.serving(leaf().build()).protocols("TLSv1.2")
                        .suites("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
                FindingCode.CIPHER_MISMATCH, FindingCode.WEAK_CIPHER_ENABLED);
    }

    @Test
    void staticRsaOnlyIsACipherMismatchAndNamesTheSuite() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(leaf().keyType(KeyType.RSA_2048).build(),
                List.of("-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0"))) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.codes()).containsExactlyInAnyOrder(FindingCode.CIPHER_MISMATCH,
                    FindingCode.WEAK_CIPHER_ENABLED);
            assertThat(diagnosis.findings()).anySatisfy(f -> assertThat(f.detail())
                    .contains("TLS_RSA_WITH_AES_128_CBC_SHA (TLSv1.2)"));
        }
    }

    @Test
    void enumeratingListsEverySuiteAVersionAcceptsInTheServersOrder() throws Exception {
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().build()).suites("TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").start()) {
            ProbeSettings settings = new ProbeSettings(TlsPolicy.PUBLIC_WEB.allowedCipherSuites(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), true);
            EndpointObservation observation = new TlsEndpointProber(4).observe(ProbeTarget.parse(server.target(),
                    Optional.of(NAME)), settings);

            VersionSupport tls12 = observation.versions().get(TlsVersion.TLS_1_2);
            assertThat(tls12.enumerated()).isTrue();
            assertThat(tls12.acceptedSuites()).containsExactlyInAnyOrder("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(tls12.outsideCiphers()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
            assertThat(tls12.allowedCipher()).isPresent();
            assertThat(observation.versions().get(TlsVersion.TLS_1_3).acceptedSuites())
                    .containsExactlyInAnyOrder("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
            assertThat(observation.versions().get(TlsVersion.TLS_1_0).accepted()).isFalse();

            EndpointObservation plain = new TlsEndpointProber(4).observe(ProbeTarget.parse(server.target(),
                    Optional.of(NAME)), new ProbeSettings(TlsPolicy.PUBLIC_WEB.allowedCipherSuites(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5)));
            assertThat(plain.versions().get(TlsVersion.TLS_1_2).enumerated()).as("a fleet probe does not enumerate")
                    .isFalse();
            assertThat(plain.versions().get(TlsVersion.TLS_1_2).outsideCiphers())
                    .isEqualTo(tls12.outsideCiphers());
        }
    }

    @Test
    void weakCipherEnabledNextToAllowedOnes() throws Exception {
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().build()).suites("TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256").start()) {
            Diagnosis diagnosis = probe(server.target(), NAME);

            assertThat(diagnosis.codes()).containsExactly(FindingCode.WEAK_CIPHER_ENABLED);
            assertThat(diagnosis.findings().getFirst().detail())
                    .isEqualTo("accepted outside the policy: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (TLSv1.2)");
        }
    }

    @Test
    void sniRequiredWhenAHandshakeWithoutItFailsOrServesAnotherCertificate() throws Exception {
        IssuedCertificate other = CertificateBuilder.certificate("default.probe.test").dnsNames("default.probe.test")
                .issuedBy(INTERMEDIATE).validFor(NOW, Duration.ofDays(90)).build();
        try (LocalTlsServer failing = LocalTlsServer.serving(other).forSni(NAME, LocalTlsServer.Served.of(leaf().build()))
                .requireSni().start();
             LocalTlsServer defaulting = LocalTlsServer.serving(other)
                     .forSni(NAME, LocalTlsServer.Served.of(leaf().build())).start()) {
            assertThat(probe(failing.target(), NAME).codes()).containsExactly(FindingCode.SNI_REQUIRED);
            Diagnosis different = probe(defaulting.target(), NAME);
            assertThat(different.codes()).containsExactly(FindingCode.SNI_REQUIRED);
            assertThat(different.findings().getFirst().detail()).contains("another certificate");
        }
    }

    @Test
    void wrongCertificateAgainstTheExpectedFingerprint() throws Exception {
        IssuedCertificate served = leaf().build();
        IssuedCertificate expected = leaf().build();
        try (LocalTlsServer server = LocalTlsServer.serving(served).start()) {
            TrustMaterial trust = new TrustMaterial(List.of(ROOT.certificate()), List.of());

            assertThat(probe(server.target(), NAME, trust, TlsPolicy.PUBLIC_WEB,
                    Optional.of(X509Facts.sha256(expected.certificate()))).codes())
                    .containsExactly(FindingCode.WRONG_CERTIFICATE);
            assertThat(probe(server.target(), NAME, trust, TlsPolicy.PUBLIC_WEB,
                    Optional.of(X509Facts.sha256(served.certificate()))).codes()).isEmpty();
        }
    }

    @Test
    void anExpiredCertificateWithAMissingIntermediateReportsBoth() throws Exception {
        IssuedCertificate expired = leaf().validity(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)))
                .build();
        try (LocalTlsServer server = LocalTlsServer.serving(LocalTlsServer.Served.exactly(expired,
                expired.certificate())).start()) {
            assertThat(probe(server.target(), NAME, new TrustMaterial(List.of(ROOT.certificate()),
                    List.of(INTERMEDIATE.certificate())), TlsPolicy.PUBLIC_WEB, Optional.empty()).codes())
                    .containsExactlyInAnyOrder(FindingCode.EXPIRED, FindingCode.INCOMPLETE_CHAIN);
        }
    }

    @Test
    void anIpv6Target() throws Exception {
        try (LocalTlsServer server = LocalTlsServer.serving(leaf().ipAddresses("::1").build())
                .bindTo(InetAddress.getByName("::1")).start()) {
            Diagnosis diagnosis = probe("[::1]:" + server.port(), null);

            assertThat(diagnosis.codes()).isEmpty();
            assertThat(diagnosis.target().text()).isEqualTo("[::1]:" + server.port());
        }
    }

    @Test
    void notTlsWhenThePeerSpeaksHttpOrGarbage() throws Exception {
        try (HostilePeer http = HostilePeer.start(HostilePeer.Behaviour.HTTP);
             HostilePeer garbage = HostilePeer.start(HostilePeer.Behaviour.GARBAGE)) {
            Diagnosis httpDiagnosis = probe(http.target(), NAME);
            assertThat(httpDiagnosis.codes()).containsExactly(FindingCode.NOT_TLS);
            assertThat(httpDiagnosis.error()).hasValueSatisfying(e -> assertThat(e).contains("HTTP/1.1 400"));
            assertThat(probe(garbage.target(), NAME).codes()).containsExactly(FindingCode.NOT_TLS);
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(probe("127.0.0.1:" + closedPort, NAME).codes()).containsExactly(FindingCode.CONNECTION_REFUSED);
    }

    @Test
    void dnsFailure() {
        assertThat(probe("no-such-host.invalid:443", null).codes()).containsExactly(FindingCode.DNS_FAILURE);
    }

    @Test
    void aSilentPeerTimesOutWithinTheTimeout() throws Exception {
        try (HostilePeer silent = HostilePeer.start(HostilePeer.Behaviour.SILENT)) {
            long started = System.nanoTime();
            Diagnosis diagnosis = probe(silent.target(), NAME);

            assertThat(diagnosis.codes()).containsExactly(FindingCode.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        }
    }

    @Test
    void aMegabyteChainIsRefusedWithoutReadingItAll() throws Exception {
        try (HostilePeer huge = HostilePeer.start(HostilePeer.Behaviour.MEGABYTE_CHAIN)) {
            Diagnosis diagnosis = probe(huge.target(), NAME);

            assertThat(diagnosis.codes()).containsExactly(FindingCode.NOT_TLS);
            assertThat(diagnosis.error()).hasValueSatisfying(e -> assertThat(e).contains("exceeds 256 KiB"));
        }
    }

    @Test
    void aPeerThatClosesEveryConnectionIsNotTls() throws Exception {
        try (HostilePeer closing = HostilePeer.start(HostilePeer.Behaviour.CLOSE_AT_ONCE)) {
            assertThat(probe(closing.target(), NAME).codes()).containsExactly(FindingCode.NOT_TLS);
        }
    }

    private static void assertCauses(LocalTlsServer.Builder server, FindingCode... expected) throws Exception {
        try (LocalTlsServer running = server.start()) {
            Diagnosis diagnosis = probe(running.target(), NAME);
            assertThat(diagnosis.codes()).as("findings: %s", diagnosis.findings()).containsExactlyInAnyOrder(expected);
        }
    }

    /** A stapleable OCSP response, signed by the issuing CA, saying the certificate is revoked. */
    private static byte[] ocspResponse(IssuedCertificate certificate) throws Exception {
        X509CertificateHolder issuer = new JcaX509CertificateHolder(INTERMEDIATE.certificate());
        CertificateID id = new JcaCertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), INTERMEDIATE.certificate(), certificate.certificate().getSerialNumber());
        JcaBasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(INTERMEDIATE.certificate().getPublicKey(),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        builder.addResponse(id, new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.keyCompromise),
                Date.from(NOW), Date.from(NOW.plus(Duration.ofDays(1))), null);
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(INTERMEDIATE.keyPair().getPrivate()), new X509CertificateHolder[] {issuer}, Date.from(NOW));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }
}
