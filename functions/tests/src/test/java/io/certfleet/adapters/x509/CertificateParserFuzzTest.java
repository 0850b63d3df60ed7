package io.certfleet.adapters.x509;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.fuzz.Mutations;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The certificate parser on mutated DER (inside a well-formed PEM block) and on mutated PEM text: it returns facts
 * or a {@link MalformedCertificateException} with a reason, nothing else, whatever the bytes.
 */
class CertificateParserFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Fuzz Root").keyType(KeyType.EC_P256)
            .certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();
    private static final IssuedCertificate RSA_LEAF = CertificateBuilder.certificate("rsa.fuzz.test")
            .dnsNames("rsa.fuzz.test", "*.fuzz.test").ipAddresses("192.0.2.1").keyType(KeyType.RSA_2048)
            .issuedBy(ROOT).validFor(NOW, Duration.ofDays(90)).build();
    private static final IssuedCertificate EC_LEAF = CertificateBuilder.certificate("ec.fuzz.test")
            .organization("Fuzz").dnsNames("ec.fuzz.test").keyType(KeyType.EC_P384).issuedBy(ROOT)
            .validFor(NOW, Duration.ofDays(30)).build();

    private final BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();

    @Provide
    Arbitrary<byte[]> mutatedDer() throws Exception {
        return Mutations.ofAny(List.of(RSA_LEAF.certificate().getEncoded(), EC_LEAF.certificate().getEncoded(),
                ROOT.certificate().getEncoded()), 4);
    }

    @Provide
    Arbitrary<String> mutatedPem() {
        return Mutations.ofText(RSA_LEAF.certificatePem(), 3);
    }

    @Property(tries = 10_000)
    void mutatedDerGivesFactsOrAReason(@ForAll("mutatedDer") byte[] der) {
        assertFactsOrReason(pem(der), ROOT.certificatePem());
    }

    @Property(tries = 3_000)
    void mutatedPemGivesFactsOrAReason(@ForAll("mutatedPem") String pem) {
        assertFactsOrReason(pem, null);
    }

    @Property(tries = 2_000)
    void aMutatedChainGivesFactsOrAReason(@ForAll("mutatedDer") byte[] der) {
        assertFactsOrReason(RSA_LEAF.certificatePem(), pem(der));
    }

    private void assertFactsOrReason(String certificate, String chain) {
        try {
            CertificateFacts facts = parser.parse(certificate, chain);
            assertThat(facts.sha256()).hasSize(64);
        } catch (MalformedCertificateException reason) {
            assertThat(reason.getMessage()).isNotBlank();
        }
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
