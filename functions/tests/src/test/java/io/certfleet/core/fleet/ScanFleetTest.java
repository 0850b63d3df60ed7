package io.certfleet.core.fleet;

import io.certfleet.testing.InMemoryInventoryRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.EndpointSource;
import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.ScanAccountRegion;
import io.certfleet.core.discovery.ScanSources;
import io.certfleet.core.discovery.SourceException;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.core.ownership.OwnershipRules;
import io.certfleet.core.ownership.ResolveOwnership;
import io.certfleet.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScanFleetTest {

    private static final String DENYING = "333333333333";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T06:00:00Z"));
    private final ScanAccountRegion scanOne = new ScanAccountRegion(new BouncyCastleCertificateParser(),
            new InMemoryInventoryRepository(), new ResolveOwnership(OwnershipRules.DEFAULTS), clock);

    @Test
    void anAccountThatCannotBeEnteredIsAnErrorAndTheOthersAreScanned() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ScanFleet fleet = new ScanFleet(item -> {
            if (item.scope().accountId().equals(DENYING)) {
                throw new SourceException(FailureReason.ACCESS_DENIED, "sts:AssumeRole", "not authorized", null);
            }
            return new EmptySources(concurrent, peak);
        }, scanOne, clock);
        ScanPlan plan = new PlanScan(directory(), clock).plan(new AccountSelection.Organization(),
                List.of("us-east-1", "eu-west-1"));

        FleetScanResult result = fleet.run(plan, 2);

        assertThat(result.accountsPlanned()).isEqualTo(3);
        assertThat(result.accountRegionsPlanned()).isEqualTo(6);
        assertThat(result.accountRegionsScanned()).isEqualTo(4);
        assertThat(result.coverage()).isEqualTo(4.0 / 6);
        assertThat(result.errors()).hasSize(2).allSatisfy(error -> {
            assertThat(error.accountId()).isEqualTo(DENYING);
            assertThat(error.source()).isEqualTo("account");
            assertThat(error.operation()).isEqualTo("sts:AssumeRole");
            assertThat(error.reason()).isEqualTo(FailureReason.ACCESS_DENIED);
        });
        assertThat(result.results()).extracting(r -> r.item().scope()).containsExactlyElementsOf(
                plan.items().stream().map(i -> i.scope()).toList());
        assertThat(peak.get()).as("items scanned at once").isLessThanOrEqualTo(2);
        assertThat(result.apiCalls()).containsEntry("fake:List", 4L);
    }

    @Test
    void aScanThatBreaksUnexpectedlyIsRecordedNotThrown() {
        ScanFleet fleet = new ScanFleet(item -> {
            throw new IllegalStateException("boom");
        }, scanOne, clock);

        WorkResult result = fleet.scanOne(new PlanScan(directory(), clock)
                .plan(new AccountSelection.Caller(), List.of("us-east-1")).items().getFirst());

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.reason()).isEqualTo(FailureReason.ERROR);
            assertThat(error.message()).startsWith("IllegalStateException: boom (at io.certfleet.core.fleet.ScanFleetTest");
        });
    }

    private static AccountDirectory directory() {
        return new AccountDirectory() {
            @Override
            public Account caller() {
                return new Account("111111111111", "tooling", Map.of());
            }

            @Override
            public List<Account> organizationAccounts() {
                return List.of(caller(), new Account("222222222222", "a", Map.of()),
                        new Account(DENYING, "b", Map.of()));
            }
        };
    }

    /** Sources with nothing in them; count how many items are being scanned at once. */
    private static final class EmptySources implements ScanSources {
        private final AtomicInteger concurrent;

        EmptySources(AtomicInteger concurrent, AtomicInteger peak) {
            this.concurrent = concurrent;
            peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<CertificateStore> stores() {
            return List.of();
        }

        @Override
        public List<EndpointSource> endpoints() {
            return List.of();
        }

        @Override
        public Map<String, Long> apiCalls() {
            return Map.of("fake:List", 1L);
        }

        @Override
        public void close() {
            concurrent.decrementAndGet();
        }
    }
}
