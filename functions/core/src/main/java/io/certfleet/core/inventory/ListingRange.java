package io.certfleet.core.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a storage can narrow a walk in {@link ListingOrder} to with its indexes: one owner, one status, or the
 * certificates expiring before an instant. Other filters are applied to the records the walk returns.
 */
public record ListingRange(Optional<String> owner, Optional<String> status, Optional<Instant> expiringBefore) {

    public static final ListingRange ALL = new ListingRange(Optional.empty(), Optional.empty(), Optional.empty());

    public ListingRange {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiringBefore, "expiringBefore");
    }

    /** Whether a present record is in the range (what a storage without indexes applies). */
    public boolean contains(InventoryRecord record) {
        return record.isActive()
                && owner.map(record.ownership().owner()::equals).orElse(true)
                && status.map(record.status()::equals).orElse(true)
                && expiringBefore.map(before -> ListingOrder.positionOf(record)
                .compareTo(ListingOrder.expiringBefore(before)) < 0).orElse(true);
    }
}
