package io.certfleet.adapters.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BouncyCastleCertificateParserTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static IssuedCertificate root;
    private static IssuedCertificate intermediate;
    private static IssuedCertificate leaf;

    private final BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();

    @BeforeAll
    static void makeChain() {
        root = CertificateBuilder.certificate("Test Root").keyType(KeyType.EC_P384).certificateAuthority()
                .validFor(NOW, Duration.ofDays(3650)).build();
        intermediate = CertificateBuilder.certificate("Test Issuing CA").keyType(KeyType.EC_P256)
                .certificateAuthority().issuedBy(root).validFor(NOW, Duration.ofDays(1000)).build();
        leaf = CertificateBuilder.certificate("shop.example.test").organization("Example")
                .dnsNames("shop.example.test", "*.shop.example.test").ipAddresses("192.0.2.10")
                .keyType(KeyType.RSA_2048).issuedBy(intermediate)
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(42))).build();
    }

    @Test
    void readsEveryFactOfALeafAndItsChain() throws Exception {
        CertificateFacts facts = parser.parse(leaf.certificatePem(), leaf.chainPem());

        assertThat(facts.subject()).isEqualTo("CN=shop.example.test,O=Example");
        assertThat(facts.sans()).containsExactly("shop.example.test", "*.shop.example.test", "192.0.2.10");
        assertThat(facts.issuer()).isEqualTo("CN=Test Issuing CA");
        assertThat(facts.serial()).isEqualTo(leaf.certificate().getSerialNumber().toString(16));
        assertThat(facts.sha256()).isEqualTo(sha256(leaf.certificate().getEncoded())).hasSize(64);
        assertThat(facts.notBefore()).isEqualTo(NOW.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(facts.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(42)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(facts.keyAlgorithm()).isEqualTo("RSA");
        assertThat(facts.keySize()).isEqualTo(2048);
        assertThat(facts.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(facts.chain()).hasSize(2);
        assertThat(facts.chain().get(0).subject()).isEqualTo("CN=Test Issuing CA");
        assertThat(facts.chain().get(0).issuer()).isEqualTo("CN=Test Root");
        assertThat(facts.chain().get(1).sha256()).isEqualTo(sha256(root.certificate().getEncoded()));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void reportsKeyAlgorithmAndSizeOfEveryKeyType(KeyType type) throws Exception {
        IssuedCertificate certificate = CertificateBuilder.certificate("k.example.test").keyType(type).build();

        CertificateFacts facts = parser.parse(certificate.certificatePem(), null);

        assertThat(facts.keyAlgorithm()).isEqualTo(type.algorithm());
        assertThat(facts.keySize()).isEqualTo(type.size());
        assertThat(facts.chain()).isEmpty();
    }

    @Test
    void ignoresTextAroundPemBlocksAsOpenSslDoes() throws Exception {
        String decorated = "subject=CN=shop.example.test\n" + leaf.certificatePem() + "\ntrailing words\n";

        assertThat(parser.parse(decorated, "").sha256()).isEqualTo(sha256(leaf.certificate().getEncoded()));
    }

    static Stream<Arguments> malformedBodies() {
        String pem = leafPem();
        String base64 = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
        return Stream.of(
                Arguments.of("empty", "", "certificate body is empty"),
                Arguments.of("no PEM at all", "this is not a certificate", "holds no PEM '-----BEGIN CERTIFICATE-----'"),
                Arguments.of("END line missing", pem.substring(0, pem.indexOf("-----END")), "is truncated"),
                Arguments.of("cut in the middle", pem.substring(0, pem.length() / 2), "is truncated"),
                Arguments.of("base64 cut short", "-----BEGIN CERTIFICATE-----\n"
                        + base64.substring(0, base64.length() / 2).strip() + "\n-----END CERTIFICATE-----\n",
                        "is not"),
                Arguments.of("not base64", "-----BEGIN CERTIFICATE-----\n!!!!####\n-----END CERTIFICATE-----\n",
                        "is not valid base64"),
                Arguments.of("empty block", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "is empty"),
                Arguments.of("random DER", "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})
                        + "\n-----END CERTIFICATE-----\n", "is not a DER-encoded X.509 certificate"),
                Arguments.of("two certificates", pem + pem, "holds 2 CERTIFICATE blocks, expected exactly 1"),
                Arguments.of("unclosed BEGIN", "-----BEGIN CERTIFICATE", "BEGIN line is not closed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodyGetsASpecificReason(String name, String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body, null))
                .isInstanceOf(MalformedCertificateException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aPrivateKeyWhereACertificateBelongsIsRefusedWithoutEchoingTheKey() {
        String keyPem = leaf.privateKeyPem();
        String keyBase64 = keyPem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        assertThatThrownBy(() -> parser.parse(keyPem, null))
                .isInstanceOf(MalformedCertificateException.class)
                .hasMessageContaining("holds a PEM 'PRIVATE KEY' block where only CERTIFICATE blocks belong")
                .message().doesNotContain(keyBase64);
    }

    @Test
    void malformedChainEntryIsNamed() {
        String chain = intermediate.certificatePem()
                + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> parser.parse(leaf.certificatePem(), chain))
                .isInstanceOf(MalformedCertificateException.class)
                .hasMessageStartingWith("certificate chain entry 2 is not a DER-encoded X.509 certificate");
    }

    private static String leafPem() {
        if (leaf == null) {
            makeChain();
        }
        return leaf.certificatePem();
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
