package io.certfleet.core.probe;

import static io.certfleet.core.probe.ObservationBuilder.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per cause the diagnosis names from what was served and negotiated, plus combinations. */
class DiagnoseEndpointTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Probe Root").keyType(KeyType.EC_P384)
            .certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Probe Intermediate")
            .keyType(KeyType.EC_P256).certificateAuthority().issuedBy(ROOT).validFor(NOW, Duration.ofDays(1000))
            .build();
    private static final IssuedCertificate OTHER_ROOT = CertificateBuilder.certificate("Other Root")
            .certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();

    private final MutableClock clock = new MutableClock(NOW);
    private final DiagnoseEndpoint diagnose = new DiagnoseEndpoint(
            new TrustMaterial(List.of(ROOT.certificate()), List.of()), IssuerLookup.NONE, clock);

    private static CertificateBuilder leaf(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).issuedBy(INTERMEDIATE)
                .validFor(NOW, Duration.ofDays(90));
    }

    private Diagnosis diagnose(ObservationBuilder observation) {
        return diagnose.diagnose(observation.build(), TlsPolicy.PUBLIC_WEB, Optional.empty());
    }

    @Test
    void aHealthyEndpointHasNoCause() {
        Diagnosis diagnosis = diagnose(endpoint("shop.example.test:443").serving(leaf("shop.example.test").build()));

        assertThat(diagnosis.findings()).isEmpty();
        assertThat(diagnosis.ok()).isTrue();
        assertThat(diagnosis.leaf()).hasValueSatisfying(leaf -> assertThat(leaf.subject()).isEqualTo("CN=shop.example.test"));
        assertThat(diagnosis.chain()).extracting(c -> c.subject())
                .containsExactly("CN=Probe Intermediate", "CN=Probe Root");
        assertThat(diagnosis.acceptedProtocols()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
    }

    @Test
    void expired() {
        IssuedCertificate expired = leaf("old.example.test").validity(NOW.minus(Duration.ofDays(100)),
                NOW.minus(Duration.ofDays(1))).build();

        assertThat(codes(diagnose(endpoint("old.example.test:443").serving(expired))))
                .containsExactly(FindingCode.EXPIRED);
    }

    @Test
    void anExpiredIntermediateIsExpiredToo() {
        IssuedCertificate oldIntermediate = CertificateBuilder.certificate("Old Intermediate").certificateAuthority()
                .issuedBy(ROOT).validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))).build();
        IssuedCertificate certificate = CertificateBuilder.certificate("a.example.test").dnsNames("a.example.test")
                .issuedBy(oldIntermediate).validFor(NOW, Duration.ofDays(90)).build();

        Diagnosis diagnosis = diagnose(endpoint("a.example.test:443").serving(certificate));

        assertThat(codes(diagnosis)).containsExactly(FindingCode.EXPIRED);
        assertThat(diagnosis.findings().getFirst().detail()).contains("Old Intermediate");
    }

    @Test
    void notYetValid() {
        IssuedCertificate future = leaf("new.example.test").validity(NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(90))).build();

        assertThat(codes(diagnose(endpoint("new.example.test:443").serving(future))))
                .containsExactly(FindingCode.NOT_YET_VALID);
    }

    @Test
    void expiringSoonIsMediumThenHighWithinAWeek() {
        Diagnosis inTwentyDays = diagnose(endpoint("soon.example.test:443")
                .serving(leaf("soon.example.test").validity(NOW.minus(Duration.ofDays(60)),
                        NOW.plus(Duration.ofDays(20))).build()));
        Diagnosis inThreeDays = diagnose(endpoint("soon.example.test:443")
                .serving(leaf("soon.example.test").validity(NOW.minus(Duration.ofDays(60)),
                        NOW.plus(Duration.ofDays(3))).build()));
        Diagnosis inFortyDays = diagnose(endpoint("soon.example.test:443")
                .serving(leaf("soon.example.test").validity(NOW.minus(Duration.ofDays(60)),
                        NOW.plus(Duration.ofDays(40))).build()));

        assertThat(inTwentyDays.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.EXPIRING_SOON);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(inThreeDays.findings()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        assertThat(inFortyDays.findings()).isEmpty();
    }

    @Test
    void hostnameMismatchAgainstTheSniNameElseTheHost() {
        IssuedCertificate certificate = leaf("shop.example.test").build();

        assertThat(codes(diagnose(endpoint("other.example.test:443").serving(certificate))))
                .containsExactly(FindingCode.HOSTNAME_MISMATCH);
        assertThat(codes(diagnose(endpoint("10.0.0.1:443", "shop.example.test").serving(certificate)))).isEmpty();
        assertThat(codes(diagnose(endpoint("10.0.0.1:443").serving(certificate))))
                .as("an IP target is checked against IP SANs").containsExactly(FindingCode.HOSTNAME_MISMATCH);
    }

    @Test
    void selfSignedUntrustedRootAndIncompleteChainAreToldApart() {
        IssuedCertificate selfSigned = CertificateBuilder.certificate("self.example.test")
                .dnsNames("self.example.test").validFor(NOW, Duration.ofDays(90)).build();
        IssuedCertificate otherIntermediate = CertificateBuilder.certificate("Other Intermediate")
                .certificateAuthority().issuedBy(OTHER_ROOT).validFor(NOW, Duration.ofDays(900)).build();
        IssuedCertificate untrusted = CertificateBuilder.certificate("u.example.test").dnsNames("u.example.test")
                .issuedBy(otherIntermediate).validFor(NOW, Duration.ofDays(90)).build();
        IssuedCertificate trusted = leaf("i.example.test").build();

        assertThat(codes(diagnose(endpoint("self.example.test:443").serving(selfSigned))))
                .containsExactly(FindingCode.SELF_SIGNED);
        assertThat(codes(diagnose(endpoint("u.example.test:443")
                .servingExactly(untrusted.certificate(), otherIntermediate.certificate(), OTHER_ROOT.certificate()))))
                .as("the served chain reaches a self-signed root that is not trusted")
                .containsExactly(FindingCode.UNTRUSTED_ROOT);
        Diagnosis rootNotFound = diagnose(endpoint("u.example.test:443")
                .servingExactly(untrusted.certificate(), otherIntermediate.certificate()));
        assertThat(codes(rootNotFound)).as("the chain ends at an intermediate whose issuer is found nowhere: "
                + "OpenSSL's 'unable to get local issuer certificate'").containsExactly(FindingCode.INCOMPLETE_CHAIN);
        assertThat(rootNotFound.findings().getFirst().detail())
                .contains("the issuer of 'CN=Other Intermediate'").contains("'CN=Other Root'")
                .contains("found neither among the trusted roots and known intermediates nor through AIA");
        Diagnosis intermediateNotFound = diagnose(endpoint("u.example.test:443").servingExactly(untrusted.certificate()));
        assertThat(codes(intermediateNotFound)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
        assertThat(intermediateNotFound.findings().getFirst().detail())
                .contains("the issuer of 'CN=u.example.test': 'CN=Other Intermediate'");
        DiagnoseEndpoint knowingTheIntermediate = new DiagnoseEndpoint(new TrustMaterial(List.of(ROOT.certificate()),
                List.of(INTERMEDIATE.certificate())), IssuerLookup.NONE, clock);
        Diagnosis incomplete = knowingTheIntermediate.diagnose(endpoint("i.example.test:443")
                .servingExactly(trusted.certificate()).build(), TlsPolicy.PUBLIC_WEB, Optional.empty());
        assertThat(codes(incomplete)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
        assertThat(incomplete.findings().getFirst().detail()).contains("Probe Intermediate")
                .contains("with it the chain reaches a trusted root");
    }

    @Test
    void aMissingIntermediateFoundThroughTheIssuerLookupIsIncomplete() {
        IssuedCertificate trusted = leaf("aia.example.test").build();
        DiagnoseEndpoint withAia = new DiagnoseEndpoint(new TrustMaterial(List.of(ROOT.certificate()), List.of()),
                certificate -> Optional.of(INTERMEDIATE.certificate()), clock);

        Diagnosis diagnosis = withAia.diagnose(endpoint("aia.example.test:443").servingExactly(trusted.certificate())
                .build(), TlsPolicy.PUBLIC_WEB, Optional.empty());

        assertThat(codes(diagnosis)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
    }

    @Test
    void chainOrderOutOfOrderDuplicatedOrUnrelated() {
        IssuedCertificate certificate = leaf("o.example.test").build();

        assertThat(codes(diagnose(endpoint("o.example.test:443").servingExactly(certificate.certificate(),
                ROOT.certificate(), INTERMEDIATE.certificate())))).containsExactly(FindingCode.CHAIN_ORDER);
        assertThat(codes(diagnose(endpoint("o.example.test:443").servingExactly(certificate.certificate(),
                INTERMEDIATE.certificate(), INTERMEDIATE.certificate())))).containsExactly(FindingCode.CHAIN_ORDER);
        Diagnosis unrelated = diagnose(endpoint("o.example.test:443").servingExactly(certificate.certificate(),
                INTERMEDIATE.certificate(), OTHER_ROOT.certificate()));
        assertThat(codes(unrelated)).containsExactly(FindingCode.CHAIN_ORDER);
        assertThat(unrelated.findings().getFirst().detail()).contains("Other Root").contains("not part of");
        assertThat(codes(diagnose(endpoint("o.example.test:443").servingExactly(certificate.certificate(),
                INTERMEDIATE.certificate(), ROOT.certificate())))).as("sending the root too is allowed").isEmpty();
    }

    @Test
    void weakKeysOfLeafAndIntermediate() {
        IssuedCertificate rsa1024 = leaf("weak.example.test").keyType(KeyType.RSA_1024).build();

        Diagnosis diagnosis = diagnose(endpoint("weak.example.test:443").serving(rsa1024));

        assertThat(codes(diagnosis)).containsExactly(FindingCode.WEAK_KEY);
        assertThat(diagnosis.findings().getFirst().detail()).contains("RSA-1024").contains("minimum 2048");
        TlsPolicy strict = TlsPolicy.PUBLIC_WEB.toBuilder().name("strict").minRsaBits(3072)
                .minEcBits(384).build();
        assertThat(diagnose.diagnose(endpoint("ok.example.test:443").serving(leaf("ok.example.test").build()).build(),
                strict, Optional.empty()).codes()).as("EC-256 leaf under an EC-384 minimum").containsExactly(FindingCode.WEAK_KEY);
    }

    @Test
    void weakSignatureOnTheLeafOrAnIntermediateButNotTheRoot() {
        IssuedCertificate sha1Root = CertificateBuilder.certificate("SHA1 Root").keyType(KeyType.RSA_2048)
                .certificateAuthority().signatureAlgorithm("SHA1withRSA").validFor(NOW, Duration.ofDays(3650)).build();
        IssuedCertificate sha256Leaf = CertificateBuilder.certificate("w.example.test").dnsNames("w.example.test")
                .keyType(KeyType.RSA_2048).issuedBy(sha1Root).validFor(NOW, Duration.ofDays(90)).build();
        IssuedCertificate sha1Leaf = leaf("s.example.test").keyType(KeyType.RSA_2048).issuedBy(sha1Root)
                .signatureAlgorithm("SHA1withRSA").build();
        DiagnoseEndpoint trustingSha1Root = new DiagnoseEndpoint(new TrustMaterial(List.of(sha1Root.certificate()),
                List.of()), IssuerLookup.NONE, clock);

        assertThat(trustingSha1Root.diagnose(endpoint("w.example.test:443").serving(sha256Leaf).build(),
                TlsPolicy.PUBLIC_WEB, Optional.empty()).codes()).isEmpty();
        assertThat(trustingSha1Root.diagnose(endpoint("s.example.test:443").serving(sha1Leaf).build(),
                TlsPolicy.PUBLIC_WEB, Optional.empty()).codes()).containsExactly(FindingCode.WEAK_SIGNATURE);
    }

    @Test
    void revokedByTheStapleAndAStapleMissingWhereThePolicyWantsOne() {
        IssuedCertificate certificate = leaf("r.example.test").build();
        TlsPolicy stapling = TlsPolicy.PUBLIC_WEB.toBuilder().name("stapling").requireOcspStaple(true)
                .build();

        assertThat(codes(diagnose(endpoint("r.example.test:443").serving(certificate).ocsp(OcspStaple.REVOKED))))
                .containsExactly(FindingCode.REVOKED);
        assertThat(diagnose.diagnose(endpoint("r.example.test:443").serving(certificate).build(), stapling,
                Optional.empty()).codes()).containsExactly(FindingCode.OCSP_STAPLE_MISSING);
        assertThat(diagnose.diagnose(endpoint("r.example.test:443").serving(certificate).ocsp(OcspStaple.GOOD)
                .build(), stapling, Optional.empty()).codes()).isEmpty();
    }

    @Test
    void protocolMismatchAndLegacyProtocols() {
        IssuedCertificate certificate = leaf("p.example.test").build();
        VersionSupport legacy = new VersionSupport(true, Optional.empty(), List.of("TLS_RSA_WITH_AES_128_CBC_SHA"));

        Diagnosis onlyLegacy = diagnose(endpoint("p.example.test:443").serving(certificate)
                .version(TlsVersion.TLS_1_3, VersionSupport.REJECTED).version(TlsVersion.TLS_1_2, VersionSupport.REJECTED)
                .version(TlsVersion.TLS_1_0, legacy));
        Diagnosis alsoLegacy = diagnose(endpoint("p.example.test:443").serving(certificate)
                .version(TlsVersion.TLS_1_1, new VersionSupport(true, Optional.empty(), List.of())));

        assertThat(codes(onlyLegacy)).containsExactlyInAnyOrder(FindingCode.PROTOCOL_MISMATCH,
                FindingCode.LEGACY_PROTOCOL_ENABLED, FindingCode.WEAK_CIPHER_ENABLED);
        assertThat(codes(alsoLegacy)).containsExactly(FindingCode.LEGACY_PROTOCOL_ENABLED);
    }

    @Test
    void cipherMismatchAndWeakCiphers() {
        IssuedCertificate certificate = leaf("c.example.test").build();

        Diagnosis noAllowedCipher = diagnose(endpoint("c.example.test:443").serving(certificate)
                .version(TlsVersion.TLS_1_3, VersionSupport.REJECTED)
                .version(TlsVersion.TLS_1_2, new VersionSupport(true, Optional.empty(),
                        List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"))));
        Diagnosis weakToo = diagnose(endpoint("c.example.test:443").serving(certificate)
                .version(TlsVersion.TLS_1_2, new VersionSupport(true,
                        Optional.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of("TLS_RSA_WITH_AES_256_CBC_SHA"))));

        assertThat(codes(noAllowedCipher)).containsExactlyInAnyOrder(FindingCode.CIPHER_MISMATCH,
                FindingCode.WEAK_CIPHER_ENABLED);
        assertThat(codes(weakToo)).containsExactly(FindingCode.WEAK_CIPHER_ENABLED);
        assertThat(weakToo.findings().getFirst().detail()).contains("TLS_RSA_WITH_AES_256_CBC_SHA (TLSv1.2)");
    }

    @Test
    void sniRequired() {
        IssuedCertificate certificate = leaf("sni.example.test").build();

        assertThat(codes(diagnose(endpoint("sni.example.test:443").serving(certificate)
                .sni(SniBehaviour.HANDSHAKE_FAILED)))).containsExactly(FindingCode.SNI_REQUIRED);
        assertThat(codes(diagnose(endpoint("sni.example.test:443").serving(certificate)
                .sni(SniBehaviour.DIFFERENT_CERTIFICATE)))).containsExactly(FindingCode.SNI_REQUIRED);
    }

    @Test
    void wrongCertificateAgainstTheExpectedFingerprint() throws Exception {
        IssuedCertificate served = leaf("canary.example.test").build();
        IssuedCertificate expected = leaf("canary.example.test").build();

        Diagnosis wrong = diagnose.diagnose(endpoint("canary.example.test:443").serving(served).build(),
                TlsPolicy.PUBLIC_WEB, Optional.of(X509Facts.sha256(expected.certificate()).toUpperCase()));
        Diagnosis right = diagnose.diagnose(endpoint("canary.example.test:443").serving(served).build(),
                TlsPolicy.PUBLIC_WEB, Optional.of(X509Facts.sha256(served.certificate())));

        assertThat(codes(wrong)).containsExactly(FindingCode.WRONG_CERTIFICATE);
        assertThat(right.findings()).isEmpty();
    }

    @Test
    void everyApplicableCauseAtOnceMostSevereFirst() {
        IssuedCertificate expiredWeak = leaf("combo.example.test").keyType(KeyType.RSA_1024)
                .validity(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1))).build();

        Diagnosis diagnosis = diagnose(endpoint("elsewhere.example.test:443")
                .servingExactly(expiredWeak.certificate(), ROOT.certificate(), INTERMEDIATE.certificate())
                .version(TlsVersion.TLS_1_0, new VersionSupport(true, Optional.empty(), List.of()))
                .sni(SniBehaviour.HANDSHAKE_FAILED));

        assertThat(codes(diagnosis)).containsExactlyInAnyOrder(FindingCode.EXPIRED, FindingCode.HOSTNAME_MISMATCH,
                FindingCode.CHAIN_ORDER, FindingCode.WEAK_KEY, FindingCode.LEGACY_PROTOCOL_ENABLED,
                FindingCode.SNI_REQUIRED);
        assertThat(diagnosis.findings()).extracting(Finding::severity).isSortedAccordingTo(
                Comparator.<Severity>naturalOrder().reversed());
        assertThat(diagnosis.severity()).contains(Severity.CRITICAL);
    }

    @Test
    void anExpiredCertificateWithAMissingIntermediateReportsBoth() {
        IssuedCertificate expired = leaf("both.example.test").validity(NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(1))).build();
        DiagnoseEndpoint knowing = new DiagnoseEndpoint(new TrustMaterial(List.of(ROOT.certificate()),
                List.of(INTERMEDIATE.certificate())), IssuerLookup.NONE, clock);

        assertThat(knowing.diagnose(endpoint("both.example.test:443").servingExactly(expired.certificate()).build(),
                TlsPolicy.PUBLIC_WEB, Optional.empty()).codes())
                .containsExactlyInAnyOrder(FindingCode.EXPIRED, FindingCode.INCOMPLETE_CHAIN);
    }

    @Test
    void aNetworkFailureIsTheOnlyCause() {
        Diagnosis diagnosis = diagnose.diagnose(EndpointObservation.failed(
                ProbeTarget.parse("nowhere.example.test:443", Optional.empty()),
                new NetworkFailure(FindingCode.DNS_FAILURE, "nowhere.example.test: unknown host"), 3),
                TlsPolicy.PUBLIC_WEB, Optional.empty());

        assertThat(codes(diagnosis)).containsExactly(FindingCode.DNS_FAILURE);
        assertThat(diagnosis.error()).contains("nowhere.example.test: unknown host");
        assertThat(diagnosis.leaf()).isEmpty();
    }

    private static List<FindingCode> codes(Diagnosis diagnosis) {
        return diagnosis.codes();
    }
}
