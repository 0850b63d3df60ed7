package io.certfleet.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.inventory.InMemoryInventoryRepository;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanCertificatesTest {

    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final ScanCertificates scan = new ScanCertificates(new BouncyCastleCertificateParser(), inventory, clock);
    private final FakeStore store = new FakeStore();

    @Test
    void recordsEveryListedCertificateWithItsFacts() {
        IssuedCertificate a = certificate("a.example.test");
        IssuedCertificate b = certificate("b.example.test");
        store.add("arn:a", a).add("arn:b", b);

        ScanResult result = scan.scan(store);

        assertThat(result).isEqualTo(new ScanResult(SCOPE, 2, 2, 0, 0, 0));
        assertThat(inventory.findActive()).extracting(r -> r.facts().subject())
                .containsExactlyInAnyOrder("CN=a.example.test", "CN=b.example.test");
        assertThat(inventory.findActive()).allSatisfy(r -> {
            assertThat(r.firstSeen()).isEqualTo(T0);
            assertThat(r.location().scope()).isEqualTo(SCOPE);
        });
    }

    @Test
    void rescanOfAnUnchangedStoreChangesOnlyLastSeen() {
        store.add("arn:a", certificate("a.example.test"));
        scan.scan(store);
        List<InventoryRecord> before = inventory.all();
        clock.advance(Duration.ofHours(6));

        ScanResult again = scan.scan(store);

        assertThat(again.added()).isZero();
        assertThat(again.removed()).isZero();
        assertThat(inventory.all()).singleElement().satisfies(after -> {
            assertThat(after.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(6)));
            assertThat(after).usingRecursiveComparison().ignoringFields("lastSeen").isEqualTo(before.getFirst());
        });
    }

    @Test
    void aMalformedBodyIsKeptWithItsReasonAndDoesNotAbortTheScan() {
        store.add("arn:good", certificate("good.example.test"));
        store.addRaw("arn:garbage", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        store.add("arn:also-good", certificate("also-good.example.test"));

        ScanResult result = scan.scan(store);

        assertThat(result.found()).isEqualTo(3);
        assertThat(result.malformed()).isEqualTo(1);
        InventoryRecord garbage = inventory.findActive().stream()
                .filter(r -> r.location().arn().equals("arn:garbage")).findFirst().orElseThrow();
        assertThat(garbage.isReadable()).isFalse();
        assertThat(garbage.malformedReason()).contains("truncated");
        assertThat(garbage.certificateId()).startsWith("unreadable:");
    }

    @Test
    void aCertificateThatVanishesIsMarkedRemovedNotDeleted() {
        store.add("arn:stays", certificate("stays.example.test")).add("arn:goes", certificate("goes.example.test"));
        scan.scan(store);
        store.remove("arn:goes");
        clock.advance(Duration.ofDays(1));

        ScanResult result = scan.scan(store);

        assertThat(result.removed()).isEqualTo(1);
        assertThat(inventory.findActive()).extracting(r -> r.location().arn()).containsExactly("arn:stays");
        assertThat(inventory.all()).filteredOn(r -> r.location().arn().equals("arn:goes")).singleElement()
                .satisfies(gone -> assertThat(gone.removedAt()).isEqualTo(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void aRemovedCertificateThatReturnsIsPresentAgainWithItsFirstSighting() {
        IssuedCertificate comeback = certificate("comeback.example.test");
        store.add("arn:c", comeback);
        scan.scan(store);
        store.remove("arn:c");
        clock.advance(Duration.ofDays(1));
        scan.scan(store);
        store.add("arn:c", comeback);
        clock.advance(Duration.ofDays(1));

        ScanResult result = scan.scan(store);

        assertThat(result.added()).isZero();
        assertThat(inventory.findActive()).singleElement().satisfies(r -> {
            assertThat(r.removedAt()).isNull();
            assertThat(r.firstSeen()).isEqualTo(T0);
        });
    }

    @Test
    void recordsOfOtherScopesAreNeverMarkedRemoved() {
        FakeStore otherRegion = new FakeStore(new ScanScope("111122223333", "us-east-1"));
        otherRegion.add("arn:elsewhere", certificate("elsewhere.example.test"));
        scan.scan(otherRegion);

        ScanResult result = scan.scan(store);

        assertThat(result.removed()).isZero();
        assertThat(inventory.findActive()).hasSize(1);
    }

    private static IssuedCertificate certificate(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).validFor(T0, Duration.ofDays(90)).build();
    }

    /** A certificate store fake: the port, backed by a list. */
    private static final class FakeStore implements CertificateStore {
        private final ScanScope scope;
        private final List<StoredCertificate> certificates = new ArrayList<>();

        FakeStore() {
            this(SCOPE);
        }

        FakeStore(ScanScope scope) {
            this.scope = scope;
        }

        FakeStore add(String arn, IssuedCertificate certificate) {
            return addRaw(arn, certificate.certificatePem());
        }

        FakeStore addRaw(String arn, String pem) {
            certificates.add(new StoredCertificate(
                    new CertificateLocation(CertificateSource.ACM, arn, scope.accountId(), scope.region()), pem, null));
            return this;
        }

        void remove(String arn) {
            certificates.removeIf(c -> c.location().arn().equals(arn));
        }

        @Override
        public ScanScope scope() {
            return scope;
        }

        @Override
        public List<StoredCertificate> listCertificates() {
            return List.copyOf(certificates);
        }
    }
}
