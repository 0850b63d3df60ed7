package io.certfleet.core.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Use case: the inventory's present certificates, soonest expiry first, each with its days left and status.
 * Unreadable certificates come first: nobody knows when they expire.
 */
public final class ReportExpiry {

    /** The public-web policy's default warning window. */
    public static final Duration DEFAULT_WARNING_WINDOW = Duration.ofDays(30);

    private final InventoryRepository inventory;
    private final Clock clock;
    private final Duration warningWindow;

    public ReportExpiry(InventoryRepository inventory, Clock clock, Duration warningWindow) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warningWindow = Objects.requireNonNull(warningWindow, "warningWindow");
    }

    public List<ExpiryLine> report() {
        return inventory.find(InventoryQuery.ALL_PRESENT).stream()
                .map(this::line)
                .sorted(Comparator.comparing(ReportExpiry::expiryOrUnknown)
                        .thenComparing(line -> line.record().location().arn()))
                .toList();
    }

    /** Unreadable certificates sort before everything: nobody knows when they expire. */
    private static Instant expiryOrUnknown(ExpiryLine line) {
        return line.record().isReadable() ? line.record().facts().notAfter() : Instant.MIN;
    }

    private ExpiryLine line(InventoryRecord record) {
        if (!record.isReadable()) {
            return new ExpiryLine(record, Long.MIN_VALUE, ExpiryStatus.UNREADABLE);
        }
        boolean expired = !clock.instant().isBefore(record.facts().notAfter());
        boolean expiringSoon = !clock.instant().plus(warningWindow).isBefore(record.facts().notAfter());
        ExpiryStatus status = expired ? ExpiryStatus.EXPIRED
                : expiringSoon ? ExpiryStatus.EXPIRING_SOON
                : ExpiryStatus.OK;
        return new ExpiryLine(record, record.facts().daysToExpiry(clock), status);
    }
}
