package io.certfleet.core.inventory;

import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Port: the inventory's storage. Every write is idempotent and safe when scans run concurrently. */
public interface InventoryRepository {

    /** Whether a {@code record...Seen} call found the item new or already known. */
    enum SeenOutcome { NEW, KNOWN }

    /** The certificate records located in a scope and the bindings found there, present and removed. */
    ScopeSnapshot loadScope(ScanScope scope);

    /**
     * Upserts a certificate record as seen at {@code record.lastSeen()}: keeps an existing {@code firstSeen}, clears
     * {@code removedAt}, replaces everything else.
     */
    SeenOutcome recordSeen(InventoryRecord record);

    /** Upserts a binding as seen at {@code binding.lastSeen()}, with the same rules as {@link #recordSeen}. */
    SeenOutcome recordBindingSeen(BindingRecord binding);

    /**
     * Rewrites records that are present and unchanged but for their new {@code lastSeen} (the re-scan's common
     * case), many at a time. Each record is complete, {@code firstSeen} included, as the scope's snapshot had it.
     */
    void recordSeenAgain(List<InventoryRecord> records);

    /** {@link #recordSeenAgain} for bindings. */
    void recordBindingsSeenAgain(List<BindingRecord> bindings);

    /**
     * Marks a record removed at {@code removedAt}, unless it was seen at or after {@code notSeenSince} (by a
     * concurrent scan) or is already marked.
     *
     * @return whether this call marked it
     */
    boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt);

    /** {@link #markRemoved} for a binding. */
    boolean markBindingRemoved(BindingRecord binding, Instant notSeenSince, Instant removedAt);

    /** Certificate records matching the query. */
    List<InventoryRecord> find(InventoryQuery query);

    /**
     * Present certificate records within a range, in {@link ListingOrder}, strictly after a position ({@code null}:
     * from the start), at most {@code limit} of them: one step of a walk that costs what it returns, not the fleet.
     */
    List<InventoryRecord> presentInOrder(ListingRange range, String after, int limit);

    /** Every location of one certificate (its {@code certificateId}, the SHA-256 when readable), present and removed. */
    List<InventoryRecord> locationsOf(String certificateId);

    /**
     * Prepares the storage to read many certificates' bindings at once (a one-time migration of older data; cheap
     * when done): scans call it before they record anything. Safe beside writers.
     */
    void ensureBindingLists();

    /** The bindings of the certificate at an ARN (present and removed). */
    List<BindingRecord> bindingsOf(String certificateArn);

    /** The bindings of many certificates at once (present and removed), by certificate ARN. */
    Map<String, List<BindingRecord>> bindingsOf(Set<String> certificateArns);
}
