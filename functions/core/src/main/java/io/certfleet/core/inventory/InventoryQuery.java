package io.certfleet.core.inventory;

import java.time.Instant;
import java.util.Optional;

/**
 * Which certificate records to list. Empty fields do not filter; removed records are listed only when asked.
 */
public record InventoryQuery(Optional<Instant> expiringBefore, Optional<String> owner, Optional<String> accountId,
                             Optional<String> status, boolean includeRemoved) {

    public static final InventoryQuery ALL_PRESENT = new InventoryQuery(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false);

    /** A query without a status filter. */
    public InventoryQuery(Optional<Instant> expiringBefore, Optional<String> owner, Optional<String> accountId,
                          boolean includeRemoved) {
        this(expiringBefore, owner, accountId, Optional.empty(), includeRemoved);
    }

    public boolean matches(InventoryRecord record) {
        boolean expiring = expiringBefore.isEmpty()
                || record.isReadable() && record.facts().notAfter().isBefore(expiringBefore.get());
        return (includeRemoved || record.isActive())
                && expiring
                && owner.map(o -> o.equals(record.ownership().owner())).orElse(true)
                && accountId.map(a -> a.equals(record.location().accountId())).orElse(true)
                && status.map(st -> st.equals(record.status())).orElse(true);
    }
}
