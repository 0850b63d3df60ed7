package io.certfleet.core.inventory;

import java.util.Objects;

/**
 * One line of an expiry report.
 *
 * @param daysLeft whole days to expiry (negative once expired); {@code Long.MIN_VALUE} when unreadable
 */
public record ExpiryLine(InventoryRecord record, long daysLeft, ExpiryStatus status) {
    public ExpiryLine {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(status, "status");
    }
}
