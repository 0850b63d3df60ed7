package io.certfleet.core.discovery;

import io.certfleet.testing.InMemoryInventoryRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.ownership.OwnershipRules;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.core.ownership.ResolveOwnership;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanAccountRegionTest {

    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    private static final IssuedCertificate CA = CertificateBuilder.certificate("Test CA").certificateAuthority().build();

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final ScanAccountRegion scan = new ScanAccountRegion(new BouncyCastleCertificateParser(), inventory,
            new ResolveOwnership(OwnershipRules.DEFAULTS), clock);
    private final FakeSources sources = new FakeSources();
    private final FakeSources.FakeStore acm = sources.store(CertificateSource.ACM, SCOPE);
    private final FakeSources.FakeEndpoints listeners = sources.endpoints(BindingType.ELBV2_LISTENER, false);

    private WorkResult scan() {
        return scan(new WorkItem("scan-1", SCOPE, false, Map.of("owner", "account-team")));
    }

    private WorkResult scan(WorkItem item) {
        return scan.scan(item, sources);
    }

    @Test
    void recordsEveryCertificateWithItsFactsStatusBindingsAndOwner() {
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of("owner", "payments"));
        acm.put("arn:b", certificate("b.example.test"), "v1", Map.of());
        listeners.bind("listener/1", "arn:a", Map.of()).bind("listener/1", "arn:b", Map.of("environment", "prod"));

        WorkResult result = scan();

        assertThat(result.complete()).isTrue();
        assertThat(result.certificates()).isEqualTo(2);
        assertThat(result.certificatesAdded()).isEqualTo(2);
        assertThat(result.bindings()).isEqualTo(2);
        assertThat(result.bindingsAdded()).isEqualTo(2);
        InventoryRecord a = recordAt("arn:a");
        assertThat(a.facts().subject()).isEqualTo("CN=a.example.test");
        assertThat(a.status()).isEqualTo("ISSUED");
        assertThat(a.ownership().owner()).isEqualTo("payments");
        assertThat(a.ownership().ownerSource()).isEqualTo(OwnershipSource.CERTIFICATE_TAG);
        InventoryRecord b = recordAt("arn:b");
        assertThat(b.ownership().owner()).isEqualTo("account-team");
        assertThat(b.ownership().ownerSource()).isEqualTo(OwnershipSource.ACCOUNT_TAG);
        assertThat(b.ownership().environment()).isEqualTo("prod");
        assertThat(b.ownership().environmentSource()).isEqualTo(OwnershipSource.RESOURCE_TAG);
        assertThat(inventory.bindingsOf("arn:a")).singleElement()
                .satisfies(binding -> assertThat(binding.scope()).isEqualTo(SCOPE));
    }

    @Test
    void aRescanOfAnUnchangedAccountReadsNothingAgainAndChangesOnlyLastSeen() {
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of("owner", "payments"));
        listeners.bind("listener/1", "arn:a", Map.of());
        scan();
        List<InventoryRecord> recordsBefore = inventory.allRecords();
        List<BindingRecord> bindingsBefore = inventory.allBindings();
        int readsBefore = acm.reads;
        clock.advance(Duration.ofHours(6));

        WorkResult again = scan();

        assertThat(acm.reads).as("certificates read again").isEqualTo(readsBefore);
        assertThat(again.certificatesUnchanged()).isEqualTo(1);
        assertThat(again.certificatesAdded() + again.certificatesRemoved() + again.bindingsAdded()
                + again.bindingsRemoved()).isZero();
        assertThat(inventory.allRecords()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("lastSeen")
                .isEqualTo(recordsBefore);
        assertThat(inventory.allRecords()).extracting(InventoryRecord::lastSeen).containsOnly(T0.plus(Duration.ofHours(6)));
        assertThat(inventory.allBindings()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("lastSeen")
                .isEqualTo(bindingsBefore);
    }

    @Test
    void aStatusChangeWithoutANewVersionIsRecordedWithoutReadingTheCertificate() {
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of());
        scan();
        acm.setStatus("arn:a", "EXPIRED");

        scan();

        assertThat(recordAt("arn:a").status()).isEqualTo("EXPIRED");
        assertThat(acm.reads).isEqualTo(1);
    }

    @Test
    void aNewCertificateAtTheSameArnIsANewRecordAndTheOldOneIsRemoved() {
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of());
        scan();
        String oldId = recordAt("arn:a").certificateId();
        acm.put("arn:a", certificate("a.example.test"), "v2", Map.of());
        clock.advance(Duration.ofDays(1));

        WorkResult renewed = scan();

        assertThat(renewed.certificatesAdded()).isEqualTo(1);
        assertThat(renewed.certificatesRemoved()).isEqualTo(1);
        assertThat(recordAt("arn:a").certificateId()).isNotEqualTo(oldId);
        assertThat(inventory.allRecords()).filteredOn(r -> r.certificateId().equals(oldId)).singleElement()
                .satisfies(old -> assertThat(old.removedAt()).isEqualTo(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void anUnreadableBodyIsKeptWithItsReasonAndTheScanGoesOn() {
        acm.put("arn:good", certificate("good.example.test"), "v1", Map.of());
        acm.putRaw("arn:garbage", "-----BEGIN CERTIFICATE-----\nMIIB\n", null, "v1", Map.of());

        WorkResult result = scan();

        assertThat(result.complete()).isTrue();
        assertThat(result.certificates()).isEqualTo(2);
        assertThat(result.malformed()).isEqualTo(1);
        InventoryRecord garbage = recordAt("arn:garbage");
        assertThat(garbage.malformedReason()).contains("truncated");
        assertThat(garbage.certificateId()).startsWith("unreadable:");
    }

    @Test
    void vanishedCertificatesAndBindingsAreMarkedRemovedNotDeleted() {
        acm.put("arn:stays", certificate("stays.example.test"), "v1", Map.of());
        acm.put("arn:goes", certificate("goes.example.test"), "v1", Map.of());
        listeners.bind("listener/1", "arn:stays", Map.of()).bind("listener/2", "arn:stays", Map.of());
        scan();
        acm.remove("arn:goes");
        listeners.bindings.removeLast();
        clock.advance(Duration.ofDays(1));

        WorkResult result = scan();

        assertThat(result.certificatesRemoved()).isEqualTo(1);
        assertThat(result.bindingsRemoved()).isEqualTo(1);
        assertThat(inventory.allRecords()).hasSize(2).filteredOn(r -> !r.isActive())
                .extracting(r -> r.location().arn()).containsExactly("arn:goes");
        assertThat(inventory.allBindings()).hasSize(2).filteredOn(b -> !b.isActive())
                .extracting(BindingRecord::resourceId).containsExactly("listener/2");
    }

    @Test
    void aFailedSourceIsAnErrorAndWhatItHeldIsNotMarkedRemoved() {
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of());
        listeners.bind("listener/1", "arn:a", Map.of("owner", "lb-team"));
        scan();
        acm.failing = true;
        listeners.failing = true;
        clock.advance(Duration.ofDays(1));

        WorkResult result = scan();

        assertThat(result.complete()).isFalse();
        assertThat(result.errors()).extracting(ScanError::source, ScanError::reason, ScanError::operation)
                .containsExactlyInAnyOrder(
                        tuple("elbv2_listener", FailureReason.THROTTLED, "elbv2_listener:Describe"),
                        tuple("acm", FailureReason.ACCESS_DENIED, "acm:List"));
        assertThat(result.errors()).allSatisfy(error -> {
            assertThat(error.accountId()).isEqualTo(SCOPE.accountId());
            assertThat(error.region()).isEqualTo(SCOPE.region());
        });
        assertThat(result.certificatesRemoved() + result.bindingsRemoved()).isZero();
        assertThat(inventory.allRecords()).allMatch(InventoryRecord::isActive);
        assertThat(inventory.allBindings()).allMatch(BindingRecord::isActive);
    }

    @Test
    void oneFailedSourceDoesNotStopTheOthers() {
        FakeSources.FakeEndpoints domains = sources.endpoints(BindingType.APIGATEWAY_DOMAIN, false);
        acm.put("arn:a", certificate("a.example.test"), "v1", Map.of());
        listeners.failing = true;
        domains.bind("api.example.test", "arn:a", Map.of("owner", "api-team"));

        WorkResult result = scan();

        assertThat(result.errors()).singleElement().extracting(ScanError::source).isEqualTo("elbv2_listener");
        assertThat(result.certificates()).isEqualTo(1);
        assertThat(recordAt("arn:a").ownership().owner()).isEqualTo("api-team");
    }

    @Test
    void globalSourcesLiveInTheAccountsGlobalScopeAndOnlyTheHomeItemTouchesThem() {
        ScanScope global = SCOPE.global();
        FakeSources.FakeStore iam = sources.store(CertificateSource.IAM, global);
        FakeSources.FakeEndpoints cloudFront = sources.endpoints(BindingType.CLOUDFRONT, true);
        iam.put("arn:iam", certificate("legacy.example.test"), "v1", Map.of());
        cloudFront.bind("E123", "arn:iam", Map.of("owner", "cdn-team"));

        scan(new WorkItem("scan-1", SCOPE, true, Map.of()));

        assertThat(recordAt("arn:iam").location().scope()).isEqualTo(global);
        assertThat(recordAt("arn:iam").ownership().owner()).isEqualTo("cdn-team");
        assertThat(inventory.bindingsOf("arn:iam")).singleElement()
                .satisfies(binding -> assertThat(binding.scope()).isEqualTo(global));
        // A regional item of the same account (without global sources) leaves them alone.
        sources.stores.remove(iam);
        sources.endpoints.remove(cloudFront);
        clock.advance(Duration.ofHours(1));
        WorkResult regional = scan(new WorkItem("scan-2", SCOPE, false, Map.of()));
        assertThat(regional.certificatesRemoved() + regional.bindingsRemoved()).isZero();
        assertThat(recordAt("arn:iam").isActive()).isTrue();
    }

    private InventoryRecord recordAt(String arn) {
        return inventory.allRecords().stream().filter(r -> r.location().arn().equals(arn) && r.isActive())
                .findFirst().orElseThrow(() -> new AssertionError("no present record at " + arn));
    }

    private static IssuedCertificate certificate(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).issuedBy(CA).validFor(T0, Duration.ofDays(90))
                .build();
    }
}
