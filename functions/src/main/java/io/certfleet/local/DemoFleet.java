package io.certfleet.local;

import io.certfleet.adapters.aws.acm.AcmCertificateStore;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * The demo's certificates: a private root and intermediate, and leaves of several key types at various distances
 * from expiry, imported into ACM with their chains and tagged {@value #DEMO_TAG}. Seeding first deletes the
 * certificates an earlier run seeded, so a shared emulator never accumulates them.
 */
public final class DemoFleet {

    public static final String DEMO_TAG = "certfleet:demo";

    /** One demo leaf: host name, key type, days until expiry, owner tag. */
    public record DemoLeaf(String hostName, KeyType keyType, int daysLeft, String owner) {
    }

    /** Close to expiry and far from it, RSA and EC (moto refuses to import expired certificates). */
    public static final List<DemoLeaf> LEAVES = List.of(
            new DemoLeaf("checkout.demo.certfleet.test", KeyType.RSA_2048, 2, "payments-team"),
            new DemoLeaf("api.demo.certfleet.test", KeyType.EC_P256, 12, "platform-team"),
            new DemoLeaf("partners.demo.certfleet.test", KeyType.RSA_3072, 29, "partner-team"),
            new DemoLeaf("iot.demo.certfleet.test", KeyType.EC_P384, 75, "iot-team"),
            new DemoLeaf("www.demo.certfleet.test", KeyType.RSA_2048, 200, "web-team"));

    private final AcmClient acm;
    private final Clock clock;

    public DemoFleet(AcmClient acm, Clock clock) {
        this.acm = Objects.requireNonNull(acm, "acm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes every ACM certificate tagged {@value #DEMO_TAG}; returns how many. */
    public int removePreviousSeed() {
        int removed = 0;
        for (CertificateSummary summary : acm.listCertificatesPaginator(request -> request
                .includes(Filters.builder().keyTypes(AcmCertificateStore.ALL_KEY_TYPES).build()))
                .certificateSummaryList()) {
            boolean seededByDemo = acm.listTagsForCertificate(request -> request
                            .certificateArn(summary.certificateArn()))
                    .tags().stream().anyMatch(tag -> DEMO_TAG.equals(tag.key()));
            if (seededByDemo) {
                acm.deleteCertificate(request -> request.certificateArn(summary.certificateArn()));
                removed++;
            }
        }
        return removed;
    }

    /** Imports the demo leaves; returns their ARNs in {@link #LEAVES} order. */
    public List<String> seed() {
        Instant now = clock.instant();
        IssuedCertificate root = CertificateBuilder.certificate("certfleet Demo Root CA")
                .organization("certfleet demo").keyType(KeyType.EC_P384).certificateAuthority()
                .validFor(now, Duration.ofDays(3650)).build();
        IssuedCertificate intermediate = CertificateBuilder.certificate("certfleet Demo Issuing CA 1")
                .organization("certfleet demo").keyType(KeyType.EC_P384).certificateAuthority()
                .issuedBy(root).validFor(now, Duration.ofDays(1825)).build();
        List<String> arns = new ArrayList<>();
        for (DemoLeaf leaf : LEAVES) {
            IssuedCertificate certificate = CertificateBuilder.certificate(leaf.hostName())
                    .organization("certfleet demo").dnsNames(leaf.hostName()).keyType(leaf.keyType())
                    .issuedBy(intermediate).validFor(now, Duration.ofDays(leaf.daysLeft()).plusHours(1))
                    .build();
            arns.add(importCertificate(certificate, leaf.owner()));
        }
        return arns;
    }

    private String importCertificate(IssuedCertificate certificate, String owner) {
        return acm.importCertificate(request -> request
                        .certificate(bytes(certificate.certificatePem()))
                        .privateKey(bytes(certificate.privateKeyPem()))
                        .certificateChain(bytes(certificate.chainPem()))
                        .tags(Tag.builder().key(DEMO_TAG).value("true").build(),
                                Tag.builder().key("owner").value(owner).build()))
                .certificateArn();
    }

    private static SdkBytes bytes(String pem) {
        return SdkBytes.fromString(pem, StandardCharsets.US_ASCII);
    }
}
