package io.certfleet.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListInventory;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.StoredFinding;
import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.testing.InventoryFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paging certificates: bounded reads per page, stable order, unreadable ones first, expiry filters at the edge. */
class ListCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CertificateFacts FACTS = InventoryFixtures.facts("paged.example.test",
            NOW.plus(Duration.ofDays(30)));

    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final ListCertificates certificates = new ListCertificates(inventory, new ListInventory(inventory, CLOCK),
            new NoFindings(), CLOCK);

    private static InventoryRecord record(int i, Instant notAfter, String environment) {
        // one real certificate's facts, moved in time: the listing only reads notAfter and the ARN
        CertificateFacts facts = new CertificateFacts(FACTS.subject(), FACTS.sans(), FACTS.issuer(), FACTS.serial(),
                String.format("%064x", i), FACTS.notBefore(), notAfter, FACTS.keyAlgorithm(), FACTS.keySize(),
                FACTS.signatureAlgorithm(), FACTS.chain());
        return InventoryFixtures.record(String.format("arn:aws:acm:eu-west-1:111122223333:certificate/c-%05d", i))
                .facts(facts).environment(environment).seenAt(NOW).build();
    }

    private static CertificateFilter environment(String environment) {
        return new CertificateFilter(Optional.empty(), Optional.of(environment), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aSelectiveFilterAnswersBoundedPagesThatGoOnUntilTheWalkEnds() {
        int total = ListCertificates.EXAMINED_PER_PAGE_MAX * 2 + 100;
        for (int i = 0; i < total; i++) {
            inventory.recordSeen(record(i, NOW.plus(Duration.ofMinutes(i)), i == total - 1 ? "rare" : "common"));
        }

        Paged<InventoryEntry> first = certificates.page(environment("rare"), null, 10);
        assertThat(first.items()).as("nothing among the first records read").isEmpty();
        assertThat(first.continueAfter()).isPresent();
        Paged<InventoryEntry> second = certificates.page(environment("rare"), first.continueAfter().get(), 10);
        assertThat(second.items()).isEmpty();
        Paged<InventoryEntry> third = certificates.page(environment("rare"), second.continueAfter().get(), 10);

        assertThat(third.items()).singleElement().satisfies(entry -> assertThat(entry.record().location().arn())
                .endsWith(String.format("c-%05d", total - 1)));
        assertThat(third.continueAfter()).as("the walk is complete").isEmpty();
    }

    @Test
    void unreadableCertificatesComeFirstThenSoonestExpiry() {
        inventory.recordSeen(record(1, NOW.plus(Duration.ofDays(50)), "prod"));
        inventory.recordSeen(record(2, NOW.plus(Duration.ofDays(5)), "prod"));
        inventory.recordSeen(InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/broken")
                .malformed("not DER").seenAt(NOW).build());

        List<String> arns = new ArrayList<>();
        certificates.forEach(CertificateFilter.NONE, entry -> arns.add(entry.record().location().arn()));

        assertThat(arns).containsExactly("arn:aws:acm:eu-west-1:111122223333:certificate/broken",
                "arn:aws:acm:eu-west-1:111122223333:certificate/c-00002",
                "arn:aws:acm:eu-west-1:111122223333:certificate/c-00001");
    }

    @Test
    void expiringWithinDaysCountsWholeDaysAsTheListingShowsThem() {
        inventory.recordSeen(record(1, NOW.plus(Duration.ofDays(7)).plusSeconds(86_399), "prod")); // 7 days to expiry
        inventory.recordSeen(record(2, NOW.plus(Duration.ofDays(8)), "prod")); // 8 days
        inventory.recordSeen(record(3, NOW.minus(Duration.ofDays(2)), "prod")); // expired
        CertificateFilter withinSeven = new CertificateFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(7L), Optional.empty(), Optional.empty());

        assertThat(certificates.page(withinSeven, null, 100).items()).extracting(entry -> entry.daysToExpiry())
                .containsExactly(-2L, 7L);
    }

    @Test
    void aPageEndingExactlyAtTheLastCertificateHasNoContinuation() {
        for (int i = 0; i < 4; i++) {
            inventory.recordSeen(record(i, NOW.plus(Duration.ofDays(10 + i)), "prod"));
        }
        Paged<InventoryEntry> first = certificates.page(CertificateFilter.NONE, null, 2);
        Paged<InventoryEntry> second = certificates.page(CertificateFilter.NONE, first.continueAfter().orElseThrow(),
                2);

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(2);
        assertThat(second.continueAfter()).isEmpty();
    }

    /** A finding store with nothing in it (the filters here read none). */
    private static final class NoFindings implements FindingStore {
        @Override
        public List<StoredFinding> open(ScanScope scope) {
            return List.of();
        }

        @Override
        public void seen(List<PolicyFinding> findings, Instant at) {
        }

        @Override
        public void resolved(List<StoredFinding> findings, Instant at) {
        }

        @Override
        public List<FindingHistory> history() {
            return List.of();
        }
    }
}
