package io.certfleet.core.probe;

import static io.certfleet.core.probe.ObservationBuilder.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.checks.EndpointCheck;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each named check's own verdict, requirement and evidence (the conformance report's rows): a row fails exactly
 * with the findings its check adds to the diagnosis, passes with evidence of what it saw, and does not apply when it
 * had nothing to judge.
 */
class CheckResultsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Rows Root").certificateAuthority()
            .validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Rows Intermediate")
            .certificateAuthority().issuedBy(ROOT).validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(900))
            .build();

    private final MutableClock clock = new MutableClock(NOW);
    private final DiagnoseEndpoint diagnose = new DiagnoseEndpoint(new TrustMaterial(List.of(ROOT.certificate()),
            List.of(INTERMEDIATE.certificate())), IssuerLookup.NONE, clock);

    private static CertificateBuilder leaf(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).issuedBy(INTERMEDIATE)
                .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90));
    }

    @Test
    void aHealthyEndpointPassesEveryCheckThatAppliesAndShowsWhatItSaw() {
        IssuedCertificate shop = leaf("shop.rows.test").build();
        DiagnoseEndpoint.Assessment assessment = diagnose.assess(endpoint("shop.rows.test:443")
                .servingExactly(shop.certificate(), INTERMEDIATE.certificate()).build(), TlsPolicy.PUBLIC_WEB,
                Optional.empty());

        assertThat(assessment.checks()).extracting(CheckResult::name)
                .containsExactlyElementsOf(DiagnoseEndpoint.CHECKS.stream().map(EndpointCheck::name).toList());
        Map<String, CheckResult> rows = byName(assessment.checks());
        assertThat(rows.values()).allSatisfy(row -> {
            assertThat(row.requirement()).isNotBlank();
            assertThat(row.evidence()).isNotEmpty();
        });
        assertThat(rows.values()).filteredOn(row -> row.outcome() != CheckResult.Outcome.PASS)
                .extracting(CheckResult::name).containsExactly("expected-certificate");
        assertThat(rows.get("expected-certificate").outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE);
        assertThat(rows.get("hostname").evidence()).containsExactly("asked for 'shop.rows.test' (sent as SNI)",
                "the leaf names shop.rows.test");
        assertThat(rows.get("protocol").evidence()).containsExactly("accepted: TLSv1.2, TLSv1.3",
                "refused: TLSv1, TLSv1.1");
        assertThat(rows.get("trust").evidence()).containsExactly("'CN=shop.rows.test' served",
                "'CN=Rows Intermediate' served", "'CN=Rows Root' from the trust store",
                "the path ends at a trusted root");
        assertThat(rows.get("key-strength").evidence()).containsExactly("'CN=shop.rows.test': EC-256",
                "'CN=Rows Intermediate': EC-256");
        assertThat(rows.get("expiry-window").evidence()).containsExactly("the leaf expires "
                + NOW.minus(Duration.ofDays(1)).plus(Duration.ofDays(90)) + ", in 89 days");
        assertThat(rows.get("ocsp").requirement()).contains("stapling not required");
    }

    @Test
    void aFailingRowCarriesExactlyItsChecksFindingsAndTheRowsTogetherAreTheDiagnosis() {
        IssuedCertificate expired = leaf("old.rows.test").keyType(KeyType.RSA_1024)
                .validity(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(2))).build();
        DiagnoseEndpoint.Assessment assessment = diagnose.assess(endpoint("10.0.0.9:443", "other.rows.test")
                        .servingExactly(expired.certificate())
                        .version(TlsVersion.TLS_1_0, new VersionSupport(true, Optional.empty(),
                                List.of("TLS_RSA_WITH_AES_128_CBC_SHA")))
                        .sni(SniBehaviour.HANDSHAKE_FAILED).build(), TlsPolicy.PUBLIC_WEB,
                Optional.of("00".repeat(32)));

        Map<String, CheckResult> rows = byName(assessment.checks());
        assertThat(rows.get("validity").findings()).extracting(Finding::code).containsExactly(FindingCode.EXPIRED);
        assertThat(rows.get("hostname").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.HOSTNAME_MISMATCH);
        assertThat(rows.get("trust").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.INCOMPLETE_CHAIN);
        assertThat(rows.get("trust").evidence()).contains("'CN=Rows Intermediate' not served (found among the "
                + "known intermediates or through AIA)");
        assertThat(rows.get("key-strength").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.WEAK_KEY);
        assertThat(rows.get("key-strength").evidence()).containsExactly("'CN=old.rows.test': RSA-1024");
        assertThat(rows.get("protocol").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.LEGACY_PROTOCOL_ENABLED);
        assertThat(rows.get("protocol").evidence()).containsExactly("accepted: TLSv1, TLSv1.2, TLSv1.3",
                "refused: TLSv1.1");
        assertThat(rows.get("cipher").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.WEAK_CIPHER_ENABLED);
        assertThat(rows.get("sni").findings()).extracting(Finding::code).containsExactly(FindingCode.SNI_REQUIRED);
        assertThat(rows.get("expected-certificate").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.WRONG_CERTIFICATE);
        assertThat(rows.get("expected-certificate").evidence().getFirst()).startsWith("served SHA-256 ")
                .endsWith("expected " + "00".repeat(32));
        assertThat(rows.values()).allSatisfy(row -> assertThat(row.outcome() == CheckResult.Outcome.FAIL)
                .isEqualTo(!row.findings().isEmpty()));
        assertThat(assessment.checks().stream().flatMap(row -> row.findings().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(assessment.diagnosis().findings());
    }

    @Test
    void checksWithNothingToJudgeDoNotApply() {
        Map<String, CheckResult> rows = byName(diagnose.assess(endpoint("10.0.0.9:443")
                .serving(leaf("ip.rows.test").ipAddresses("10.0.0.9").build())
                .sni(SniBehaviour.NOT_APPLICABLE).build(), TlsPolicy.PUBLIC_WEB, Optional.empty()).checks());

        assertThat(rows.get("sni").outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE);
        assertThat(rows.get("sni").evidence().getFirst()).startsWith("no SNI name was sent");
        assertThat(rows.get("hostname").evidence()).containsExactly("asked for '10.0.0.9' (no SNI sent)",
                "the leaf names ip.rows.test, 10.0.0.9");
        assertThat(rows.get("hostname").outcome()).isEqualTo(CheckResult.Outcome.PASS);
    }

    @Test
    void anEndpointThatNeverSpokeTlsHasNoRowThatPassesAndSaysWhy() {
        DiagnoseEndpoint.Assessment assessment = diagnose.assess(EndpointObservation.failed(
                ProbeTarget.parse("127.0.0.1:9", Optional.empty()),
                new NetworkFailure(FindingCode.CONNECTION_REFUSED, "connection refused"), 1),
                TlsPolicy.PUBLIC_WEB, Optional.empty());

        assertThat(assessment.checks()).hasSize(DiagnoseEndpoint.CHECKS.size()).allSatisfy(row -> {
            assertThat(row.outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE);
            assertThat(row.evidence()).containsExactly("no TLS conversation: CONNECTION_REFUSED (connection refused)");
        });
        assertThat(assessment.diagnosis().codes()).containsExactly(FindingCode.CONNECTION_REFUSED);
        assertThat(assessment.chain()).isEmpty();
    }

    @Test
    void enumeratedSuitesAreJudgedAgainstAnyPolicysSuites() {
        VersionSupport enumerated = VersionSupport.enumerated(List.of("TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), TlsPolicy.PUBLIC_WEB.allowedCipherSuites());

        assertThat(enumerated.accepted()).isTrue();
        assertThat(enumerated.allowedCipher()).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(enumerated.outsideCiphers()).containsExactly("TLS_RSA_WITH_AES_128_CBC_SHA");
        VersionSupport lenient = enumerated.under(Set.of("TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertThat(lenient.allowedCipher()).contains("TLS_RSA_WITH_AES_128_CBC_SHA"); // the server's first choice
        assertThat(lenient.outsideCiphers()).isEmpty();
        assertThat(lenient.acceptedSuites()).isEqualTo(enumerated.acceptedSuites());
        VersionSupport notEnumerated = new VersionSupport(true, Optional.of("TLS_AES_128_GCM_SHA256"), List.of());
        assertThat(notEnumerated.under(Set.of())).isSameAs(notEnumerated);
        assertThat(VersionSupport.enumerated(List.of(), Set.of())).isEqualTo(VersionSupport.REJECTED);
    }

    private static Map<String, CheckResult> byName(List<CheckResult> rows) {
        return rows.stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
    }
}
