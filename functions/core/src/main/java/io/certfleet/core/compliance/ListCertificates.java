package io.certfleet.core.compliance;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ListInventory;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.inventory.ListingRange;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Use case (the inventory API): the present certificates a filter selects, in the inventory's listing order
 * ({@link ListingOrder}: unreadable first, then soonest expiry), read step by step from the storage's indexes. A page
 * continues after the position of the last certificate it looked at, which never changes for a certificate: a paged
 * walk neither repeats nor skips a certificate that existed for the whole walk, whatever is written meanwhile.
 */
public final class ListCertificates {

    /** A page reads at most this many records, so that a selective filter answers in bounded time. */
    public static final int EXAMINED_PER_PAGE_MAX = 5_000;
    /** Records read per storage call when the filter drops some in memory. */
    private static final int FILTERED_CHUNK = 500;

    /** A certificate with the findings about it (open and resolved, worst first). */
    public record Listed(String id, InventoryEntry entry, List<FindingHistory> findings) {
        public Listed {
            findings = List.copyOf(findings);
        }
    }

    private final InventoryRepository inventory;
    private final ListInventory entries;
    private final FindingStore findings;
    private final Clock clock;

    public ListCertificates(InventoryRepository inventory, ListInventory entries, FindingStore findings,
                            Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The page after {@code after} (a position from an earlier page; null: from the start), at most {@code limit}. */
    public Paged<InventoryEntry> page(CertificateFilter filter, String after, int limit) {
        Walk walk = new Walk(filter, after);
        List<InventoryRecord> selected = new ArrayList<>();
        String lastReturned = null;
        while (!walk.done && walk.examined < EXAMINED_PER_PAGE_MAX && selected.size() <= limit) {
            int wanted = limit + 1 - selected.size();
            for (InventoryRecord record : walk.next(filter.narrowsBeyondRange() ? Math.max(wanted, FILTERED_CHUNK)
                    : wanted)) {
                if (selected.size() == limit) { // one more match: the walk goes on after the page's last one
                    return new Paged<>(entries.entries(selected), Optional.of(lastReturned));
                }
                selected.add(record);
                lastReturned = ListingOrder.positionOf(record);
            }
        }
        if (walk.done) {
            return new Paged<>(entries.entries(selected), Optional.empty());
        }
        return new Paged<>(entries.entries(selected), Optional.of(walk.position)); // bounded: go on from there
    }

    /** Every selected certificate, in listing order, a chunk in memory at a time (exports). */
    public void forEach(CertificateFilter filter, Consumer<InventoryEntry> each) {
        forEachChunk(filter, chunk -> chunk.forEach(each));
    }

    /** {@link #forEach}, a chunk (at most {@value #FILTERED_CHUNK} certificates) at a time. */
    public void forEachChunk(CertificateFilter filter, Consumer<List<InventoryEntry>> each) {
        Walk walk = new Walk(filter, null);
        while (!walk.done) {
            List<InventoryRecord> passing = walk.next(FILTERED_CHUNK);
            if (!passing.isEmpty()) {
                each.accept(entries.entries(passing));
            }
        }
    }

    /** The present certificate with this id ({@code sha256@arn}), with its bindings and the findings about it. */
    public Optional<Listed> find(String id) {
        int at = id.indexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String arn = id.substring(at + 1);
        return inventory.locationsOf(id.substring(0, at)).stream()
                .filter(record -> record.isActive() && record.location().arn().equals(arn)).findFirst()
                .map(record -> {
                    InventoryEntry entry = entries.entries(List.of(record)).getFirst();
                    Set<ScanScope> scopes = new HashSet<>();
                    scopes.add(record.location().scope());
                    entry.bindings().stream().map(BindingRecord::scope).forEach(scopes::add);
                    return new Listed(id, entry, worstFirst(findings.historyOf(arn, scopes)));
                });
    }

    /** A certificate's id: its fingerprint at one location. */
    public static String idOf(InventoryRecord record) {
        return record.certificateId() + "@" + record.location().arn();
    }

    private static List<FindingHistory> worstFirst(List<FindingHistory> histories) {
        return histories.stream().sorted(Comparator.comparing((FindingHistory history) -> history.finding()
                .severity()).reversed().thenComparing(FindingHistory::firstSeen)).toList();
    }

    /** A walk in listing order through the records the filter's range holds, returning those the filter passes. */
    private final class Walk {
        private final CertificateFilter filter;
        private final ListingRange range;
        private final Map<String, List<FindingHistory>> openByArn;
        private String position;
        private int examined;
        private boolean done;

        Walk(CertificateFilter filter, String after) {
            this.filter = filter;
            this.range = filter.range(clock);
            this.openByArn = filter.needsFindings() ? findings.history().stream().filter(FindingHistory::open)
                    .collect(Collectors.groupingBy(history -> history.finding().certificateArn())) : Map.of();
            this.position = after;
        }

        /** The passing records among the next {@code count} the range holds. */
        List<InventoryRecord> next(int count) {
            List<InventoryRecord> read = inventory.presentInOrder(range, position, count);
            done = read.size() < count;
            examined += read.size();
            List<InventoryRecord> passing = new ArrayList<>();
            for (InventoryRecord record : read) {
                position = ListingOrder.positionOf(record);
                Long days = record.isReadable() ? record.facts().daysToExpiry(clock) : null;
                if (filter.matches(record, days, openByArn.getOrDefault(record.location().arn(), List.of()))) {
                    passing.add(record);
                }
            }
            return passing;
        }
    }
}
