package io.certfleet.core.inventory;

import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.List;

/** Port: the inventory's storage. Every write is idempotent and safe when scans run concurrently. */
public interface InventoryRepository {

    /** Whether {@link #recordSeen} found the record new or already known. */
    enum SeenOutcome { NEW, KNOWN }

    /**
     * Upserts the record as seen at {@code record.lastSeen()}: keeps an existing {@code firstSeen}, clears
     * {@code removedAt}, replaces the facts.
     */
    SeenOutcome recordSeen(InventoryRecord record);

    /** Every record (present or removed) of one account and region. */
    List<InventoryRecord> findInScope(ScanScope scope);

    /** Every record not marked removed. */
    List<InventoryRecord> findActive();

    /**
     * Marks a record removed at {@code removedAt}, unless it was seen again at or after {@code notSeenSince}
     * (a concurrent scan) or is already marked.
     *
     * @return whether this call marked it
     */
    boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt);
}
