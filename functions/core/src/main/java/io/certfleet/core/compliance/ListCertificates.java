package io.certfleet.core.compliance;

import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListInventory;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Use case (the inventory API): the present certificates a filter selects, in a stable order (their ids), each with
 * the findings about it (open and resolved, worst first). The order never changes between pages, so a paged walk
 * neither repeats nor skips a certificate that existed for the whole walk.
 */
public final class ListCertificates {

    /** A certificate with its findings. */
    public record Listed(String id, InventoryEntry entry, List<FindingHistory> findings) {
        public Listed {
            findings = List.copyOf(findings);
        }
    }

    private final ListInventory inventory;
    private final FindingStore findings;

    public ListCertificates(ListInventory inventory, FindingStore findings) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.findings = Objects.requireNonNull(findings, "findings");
    }

    /** Every selected certificate, in id order. */
    public List<Listed> list(CertificateFilter filter) {
        Map<String, List<FindingHistory>> byArn = findings.history().stream()
                .collect(Collectors.groupingBy(history -> history.finding().certificateArn()));
        return inventory.list(InventoryQuery.ALL_PRESENT).stream()
                .map(entry -> new Listed(idOf(entry.record()), entry, worstFirst(byArn.getOrDefault(
                        entry.record().location().arn(), List.of()))))
                .filter(listed -> filter.matches(listed.entry(), listed.findings().stream()
                        .filter(FindingHistory::open).toList()))
                .sorted(Comparator.comparing(Listed::id))
                .toList();
    }

    /** The page after {@code afterId} (exclusive; null: from the start), at most {@code limit} items. */
    public List<Listed> page(CertificateFilter filter, String afterId, int limit) {
        return list(filter).stream().filter(listed -> afterId == null || listed.id().compareTo(afterId) > 0)
                .limit(limit).toList();
    }

    /** The certificate at one location, by its id ({@code sha256@arn}). */
    public java.util.Optional<Listed> find(String id) {
        return list(CertificateFilter.NONE).stream().filter(listed -> listed.id().equals(id)).findFirst();
    }

    /** A certificate's id: its fingerprint at one location. */
    public static String idOf(InventoryRecord record) {
        return record.certificateId() + "@" + record.location().arn();
    }

    private static List<FindingHistory> worstFirst(List<FindingHistory> histories) {
        return histories.stream().sorted(Comparator.comparing((FindingHistory history) -> history.finding()
                .severity()).reversed().thenComparing(FindingHistory::firstSeen)).toList();
    }
}
