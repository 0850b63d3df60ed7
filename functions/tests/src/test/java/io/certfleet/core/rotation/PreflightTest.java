package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.rotation.preflight.Preflight;
import io.certfleet.core.rotation.preflight.PreflightContext;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.InventoryFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A replacement is refused, with every reason at once, before anything is swapped. */
class PreflightTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Preflight Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Preflight Intermediate")
            .certificateAuthority().issuedBy(ROOT).validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(1800))
            .build();
    private static final InventoryRecord OLD = record("old", leaf("shop.example.com", "*.api.example.com")
            .validFor(NOW.minus(Duration.ofDays(170)), Duration.ofDays(180)).build(), true);

    private static CertificateBuilder leaf(String... names) {
        return CertificateBuilder.certificate(names[0]).dnsNames(names).issuedBy(INTERMEDIATE);
    }

    /** A certificate as ACM would hold it: with its intermediate, or alone. */
    private static InventoryRecord record(String name, IssuedCertificate certificate, boolean withChain) {
        try {
            CertificateFacts facts = new BouncyCastleCertificateParser().parse(certificate.certificatePem(),
                    withChain ? IssuedCertificateChains.intermediateOnly(certificate) : null);
            return InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/" + name).facts(facts)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Preflight.Verdict preflight(InventoryRecord replacement) {
        String root = ROOT.certificate().getSubjectX500Principal().getName();
        return Preflight.check(new PreflightContext(OLD, replacement, TlsPolicy.PUBLIC_WEB, CLOCK,
                issuer -> issuer.replace(" ", "").equalsIgnoreCase(root.replace(" ", ""))));
    }

    @Test
    void aGoodReplacementPasses() {
        InventoryRecord replacement = record("new", leaf("shop.example.com", "*.api.example.com")
                .validFor(NOW.minus(Duration.ofHours(1)), Duration.ofDays(190)).build(), true);

        assertThat(preflight(replacement).problems()).isEmpty();
        assertThat(preflight(replacement).passed()).isTrue();
    }

    @Test
    void everyProblemIsNamedByItsCheck() {
        InventoryRecord replacement = record("bad", leaf("shop.example.com").keyType(KeyType.RSA_1024)
                .validFor(NOW.minus(Duration.ofHours(1)), Duration.ofDays(5)).build(), false);

        Preflight.Verdict verdict = preflight(replacement);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems().stream().map(problem -> problem.replaceAll(":.*", ""))
                .collect(Collectors.toList())).containsExactly("covers-names", "valid-and-outlives", "chain-complete",
                "passes-profile");
        assertThat(verdict.problems().get(0)).contains("does not cover *.api.example.com");
        assertThat(verdict.problems().get(1)).contains("not after the certificate it replaces");
        assertThat(verdict.problems().get(2)).contains("incomplete").contains("Preflight Intermediate");
        assertThat(verdict.problems().get(3)).contains("WEAK_KEY");
    }

    @Test
    void aWildcardIsCoveredOnlyByTheSameWildcardAndNamesByMatchingWildcards() {
        InventoryRecord wider = record("wider", leaf("*.example.com", "*.api.example.com")
                .validFor(NOW.minus(Duration.ofHours(1)), Duration.ofDays(190)).build(), true);

        assertThat(preflight(wider).problems()).as("*.example.com covers shop.example.com").isEmpty();
    }

    @Test
    void aReplacementNotYetValidOrFromAnUntrustedRootIsRefused() {
        IssuedCertificate otherRoot = CertificateBuilder.certificate("Other Root").certificateAuthority()
                .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
        InventoryRecord later = record("later", leaf("shop.example.com", "*.api.example.com")
                .validFor(NOW.plus(Duration.ofDays(1)), Duration.ofDays(190)).build(), true);
        InventoryRecord untrusted = record("untrusted", CertificateBuilder.certificate("shop.example.com")
                .dnsNames("shop.example.com", "*.api.example.com").issuedBy(otherRoot)
                .validFor(NOW.minus(Duration.ofHours(1)), Duration.ofDays(190)).build(), false);

        assertThat(preflight(later).problems()).singleElement().asString().contains("not valid before");
        assertThat(preflight(untrusted).problems()).singleElement().asString()
                .contains("chain-complete").contains("Other Root");
    }

    @Test
    void certificatesAfterTheRootPlayNoPartInThePath() throws Exception {
        IssuedCertificate unrelated = CertificateBuilder.certificate("Amazon").certificateAuthority()
                .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
        IssuedCertificate certificate = leaf("shop.example.com", "*.api.example.com")
                .validFor(NOW.minus(Duration.ofHours(1)), Duration.ofDays(190)).build();
        // As moto's GetCertificate returns an imported chain: intermediate, root, then its own "Amazon" root.
        String chain = IssuedCertificateChains.intermediateOnly(certificate) + pem(ROOT) + pem(unrelated);
        CertificateFacts facts = new BouncyCastleCertificateParser().parse(certificate.certificatePem(), chain);

        assertThat(preflight(InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/moto")
                .facts(facts).build()).problems()).isEmpty();
    }

    private static String pem(IssuedCertificate certificate) {
        return certificate.certificatePem();
    }
}
