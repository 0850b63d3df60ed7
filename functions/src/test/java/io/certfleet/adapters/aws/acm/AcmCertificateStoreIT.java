package io.certfleet.adapters.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.StoredCertificate;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

@ExtendWith(AwsEmulatorExtension.class)
class AcmCertificateStoreIT {

    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());
    private final AcmClient acm;
    private final AcmCertificateStore store;
    private final BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();

    AcmCertificateStoreIT(AwsEmulator emulator) {
        this.acm = emulator.clients().acm();
        this.store = new AcmCertificateStore(acm, SCOPE);
    }

    @Test
    void listsCertificatesOfEveryKeyTypeWithBodyAndChain() throws Exception {
        IssuedCertificate root = CertificateBuilder.certificate("IT Root").keyType(KeyType.EC_P384)
                .certificateAuthority().validFor(Instant.now(), Duration.ofDays(3650)).build();
        EnumSet<KeyType> importable = EnumSet.of(KeyType.RSA_2048, KeyType.RSA_3072, KeyType.RSA_4096,
                KeyType.EC_P256, KeyType.EC_P384);
        List<String> arns = new ArrayList<>();
        for (KeyType type : importable) {
            arns.add(importCertificate(CertificateBuilder.certificate(type.name().toLowerCase() + ".it.test")
                    .dnsNames(type.name().toLowerCase() + ".it.test").keyType(type).issuedBy(root)
                    .validFor(Instant.now(), Duration.ofDays(30)).build()));
        }

        List<StoredCertificate> listed = store.listCertificates();

        assertThat(listed).extracting(c -> c.location().arn()).containsExactlyInAnyOrderElementsOf(arns);
        assertThat(listed).allSatisfy(c -> {
            assertThat(c.location().source()).isEqualTo(CertificateSource.ACM);
            assertThat(c.location().scope()).isEqualTo(SCOPE);
        });
        Map<String, CertificateFacts> facts = new HashMap<>();
        for (StoredCertificate certificate : listed) {
            facts.put(certificate.location().arn(), parser.parse(certificate.certificatePem(), certificate.chainPem()));
        }
        assertThat(facts.values()).extracting(CertificateFacts::keyDescription)
                .containsExactlyInAnyOrder("RSA-2048", "RSA-3072", "RSA-4096", "EC-256", "EC-384");
        // The imported chain comes back first (moto then appends an Amazon intermediate of its own; real ACM does not).
        assertThat(facts.values()).allSatisfy(f -> assertThat(f.chain())
                .extracting(ChainCertificate::subject).startsWith("CN=IT Root"));
    }

    @Test
    void aRegionWithoutCertificatesListsNothing(AwsEmulator emulator) {
        try (AwsClients otherRegion = emulator.clients(Region.AP_SOUTHEAST_2)) {
            AcmCertificateStore empty = new AcmCertificateStore(otherRegion.acm(),
                    new ScanScope(AwsEmulator.ACCOUNT_ID, Region.AP_SOUTHEAST_2.id()));

            assertThat(empty.listCertificates()).isEmpty();
        }
    }

    private String importCertificate(IssuedCertificate certificate) {
        return acm.importCertificate(request -> request
                .certificate(SdkBytes.fromString(certificate.certificatePem(), StandardCharsets.US_ASCII))
                .privateKey(SdkBytes.fromString(certificate.privateKeyPem(), StandardCharsets.US_ASCII))
                .certificateChain(SdkBytes.fromString(certificate.chainPem(), StandardCharsets.US_ASCII)))
                .certificateArn();
    }
}
