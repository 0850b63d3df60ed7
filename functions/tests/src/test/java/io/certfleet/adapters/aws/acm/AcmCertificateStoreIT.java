package io.certfleet.adapters.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.discovery.ListedCertificate;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.Tag;

@ExtendWith(AwsEmulatorExtension.class)
class AcmCertificateStoreIT {

    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("IT Root").keyType(KeyType.EC_P384)
            .certificateAuthority().validFor(Instant.now(), Duration.ofDays(3650)).build();
    private final AwsEmulator emulator;
    private final BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();
    private Region region;
    private AwsClients clients;
    private ApiCallRecorder recorder;
    private AcmCertificateStore store;

    AcmCertificateStoreIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    /** Each test gets a region of its own, so that tests do not see each other's certificates. */
    @BeforeEach
    void clientsForAFreshRegion(TestInfo test) {
        List<Region> regions = List.of(Region.EU_WEST_1, Region.EU_WEST_2, Region.EU_WEST_3, Region.EU_CENTRAL_1);
        region = regions.get(Math.floorMod(test.getDisplayName().hashCode(), regions.size()));
        try (AwsClients cleanup = emulator.clients(region)) {
            cleanup.acm().listCertificates().certificateSummaryList()
                    .forEach(c -> cleanup.acm().deleteCertificate(r -> r.certificateArn(c.certificateArn())));
        }
        recorder = new ApiCallRecorder();
        clients = emulator.clients().derive(emulator.clients().settings().withRegion(region), List.of(recorder));
        store = new AcmCertificateStore(clients.acm(), new ResourceTags(clients.tagging()),
                new ScanScope(AwsEmulator.ACCOUNT_ID, region.id()));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void listsCertificatesOfEveryKeyTypeWithBodyChainAndTags() throws Exception {
        EnumSet<KeyType> importable = EnumSet.of(KeyType.RSA_2048, KeyType.RSA_3072, KeyType.RSA_4096,
                KeyType.EC_P256, KeyType.EC_P384);
        List<String> arns = new ArrayList<>();
        for (KeyType type : importable) {
            arns.add(importCertificate(clients.acm(), leaf(type.name().toLowerCase() + ".it.test", type),
                    Map.of("owner", type.name())));
        }

        List<ListedCertificate> listed = store.list(Map.of());

        assertThat(listed).extracting(c -> c.location().arn()).containsExactlyInAnyOrderElementsOf(arns);
        assertThat(listed).allSatisfy(c -> {
            assertThat(c).isInstanceOf(ListedCertificate.Fetched.class);
            assertThat(c.location().source()).isEqualTo(CertificateSource.ACM);
            assertThat(c.location().region()).isEqualTo(region.id());
            assertThat(c.status()).isEqualTo("ISSUED");
            assertThat(c.tags()).containsKey("owner");
        });
        Map<String, CertificateFacts> facts = new HashMap<>();
        for (ListedCertificate certificate : listed) {
            ListedCertificate.Fetched fetched = (ListedCertificate.Fetched) certificate;
            facts.put(fetched.tags().get("owner"),
                    parser.parse(fetched.certificatePem(), fetched.chainPem()));
        }
        assertThat(facts).containsOnlyKeys(importable.stream().map(Enum::name).collect(Collectors.toSet()));
        assertThat(facts.get("EC_P256").keyDescription()).isEqualTo("EC-256");
        assertThat(facts.get("RSA_4096").keyDescription()).isEqualTo("RSA-4096");
        // The imported chain comes back first (moto then appends an Amazon intermediate of its own; real ACM does not).
        assertThat(facts.values()).allSatisfy(f -> assertThat(f.chain())
                .extracting(ChainCertificate::subject).startsWith("CN=IT Root"));
    }

    @Test
    void aCertificateWhoseSummaryShowsTheKnownVersionIsNotReadAgain() {
        String kept = importCertificate(clients.acm(), leaf("kept.it.test", KeyType.EC_P256), Map.of());
        String changed = importCertificate(clients.acm(), leaf("changed.it.test", KeyType.EC_P256), Map.of());
        Map<String, String> versions = new HashMap<>();
        store.list(Map.of()).forEach(c -> versions.put(c.location().arn(), c.version()));
        versions.put(changed, "an older version");
        long readsBefore = recorder.snapshot().getOrDefault("acm:GetCertificate", 0L);

        List<ListedCertificate> listed = store.list(versions);

        assertThat(listed).filteredOn(c -> c.location().arn().equals(kept)).singleElement()
                .isInstanceOf(ListedCertificate.Unchanged.class);
        assertThat(listed).filteredOn(c -> c.location().arn().equals(changed)).singleElement()
                .isInstanceOf(ListedCertificate.Fetched.class);
        assertThat(recorder.snapshot().get("acm:GetCertificate") - readsBefore).isEqualTo(1);
        // Tags are read once per store, i.e. once per work item, however many times it lists.
        assertThat(recorder.snapshot().get("resourcegroupstaggingapi:GetResources")).isEqualTo(1);
    }

    @Test
    void aRegionWithoutCertificatesListsNothingAndAsksForNoTags() {
        assertThat(store.list(Map.of())).isEmpty();
        assertThat(recorder.snapshot()).containsOnlyKeys("acm:ListCertificates");
    }

    private static IssuedCertificate leaf(String name, KeyType type) {
        return CertificateBuilder.certificate(name).dnsNames(name).keyType(type).issuedBy(ROOT)
                .validFor(Instant.now(), Duration.ofDays(30)).build();
    }

    static String importCertificate(AcmClient acm, IssuedCertificate certificate, Map<String, String> tags) {
        return acm.importCertificate(request -> request
                .certificate(SdkBytes.fromString(certificate.certificatePem(), StandardCharsets.US_ASCII))
                .privateKey(SdkBytes.fromString(certificate.privateKeyPem(), StandardCharsets.US_ASCII))
                .certificateChain(SdkBytes.fromString(certificate.chainPem(), StandardCharsets.US_ASCII))
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()))
                .certificateArn();
    }
}
