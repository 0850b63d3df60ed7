package io.certfleet.core.inventory;

import io.certfleet.testing.InMemoryInventoryRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.ownership.Ownership;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Ownership OWNERSHIP = new Ownership("team", OwnershipSource.DEFAULT, "public-web",
            OwnershipSource.DEFAULT);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final MutableClock clock = new MutableClock(NOW);
    private final ReportExpiry report = new ReportExpiry(inventory, clock, ReportExpiry.DEFAULT_WARNING_WINDOW);

    @Test
    void soonestExpiryFirstWithDaysLeftAndStatus() {
        seen("far", NOW.plus(Duration.ofDays(200)));
        seen("soon", NOW.plus(Duration.ofDays(3)).plusSeconds(60));
        seen("window-edge", NOW.plus(Duration.ofDays(30)));
        seen("just-outside", NOW.plus(Duration.ofDays(30)).plusSeconds(1));

        List<ExpiryLine> lines = report.report();

        assertThat(lines).extracting(l -> l.record().location().arn())
                .containsExactly("soon", "window-edge", "just-outside", "far");
        assertThat(lines).extracting(ExpiryLine::daysLeft).containsExactly(3L, 30L, 30L, 200L);
        assertThat(lines).extracting(ExpiryLine::status).containsExactly(
                ExpiryStatus.EXPIRING_SOON, ExpiryStatus.EXPIRING_SOON, ExpiryStatus.OK, ExpiryStatus.OK);
    }

    @Test
    void expiredCertificatesCountNegativeDaysFromTheMomentOfExpiry() {
        seen("expired-an-hour-ago", NOW.minus(Duration.ofHours(1)));
        seen("expires-now", NOW);
        seen("expired-ten-days-ago", NOW.minus(Duration.ofDays(10)));

        List<ExpiryLine> lines = report.report();

        assertThat(lines).extracting(l -> l.record().location().arn())
                .containsExactly("expired-ten-days-ago", "expired-an-hour-ago", "expires-now");
        assertThat(lines).extracting(ExpiryLine::daysLeft).containsExactly(-10L, -1L, 0L);
        assertThat(lines).extracting(ExpiryLine::status).containsOnly(ExpiryStatus.EXPIRED);
    }

    @Test
    void unreadableCertificatesComeFirstAndRemovedOnesAreLeftOut() {
        seen("ok", NOW.plus(Duration.ofDays(100)));
        CertificateLocation garbageAt = new CertificateLocation(CertificateSource.IAM, "garbage", "1", "r");
        inventory.recordSeen(new InventoryRecord(InventoryRecord.unreadableId("junk"), garbageAt, "ISSUED", "v1", null,
                "no PEM block", Map.of(), OWNERSHIP, NOW, NOW, null));
        InventoryRecord gone = seen("gone", NOW.plus(Duration.ofDays(5)));
        inventory.markRemoved(gone, NOW.plusSeconds(1), NOW.plusSeconds(1));

        List<ExpiryLine> lines = report.report();

        assertThat(lines).extracting(l -> l.record().location().arn()).containsExactly("garbage", "ok");
        assertThat(lines.getFirst().status()).isEqualTo(ExpiryStatus.UNREADABLE);
    }

    private InventoryRecord seen(String arn, Instant notAfter) {
        CertificateFacts facts = new CertificateFacts("CN=" + arn, List.of(arn), "CN=CA", "1", "sha-" + arn,
                notAfter.minus(Duration.ofDays(90)), notAfter, "EC", 256, "SHA256withECDSA", List.of());
        InventoryRecord record = new InventoryRecord(facts.sha256(),
                new CertificateLocation(CertificateSource.ACM, arn, "1", "r"), "ISSUED", "v1", facts, null, Map.of(),
                OWNERSHIP, NOW, NOW, null);
        inventory.recordSeen(record);
        return record;
    }
}
