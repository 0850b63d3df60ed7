package io.certfleet.core.compliance;

import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingQuery;
import io.certfleet.core.policy.FindingStore;
import java.util.Comparator;
import java.util.Objects;

/**
 * Use case (the inventory API): findings a query selects, paged in an order that never changes for a finding: when it
 * was first seen, then where, then what (a finding's severity may change, its first sighting does not). Reads every
 * finding of the fleet per page (findings are far fewer than certificates; see the README's scaling note).
 */
public final class PageFindings {

    private final FindingStore findings;

    public PageFindings(FindingStore findings) {
        this.findings = Objects.requireNonNull(findings, "findings");
    }

    public Paged<FindingHistory> page(FindingQuery query, String after, int limit) {
        return Paged.of(findings.history().stream().filter(query::matches)
                .sorted(Comparator.comparing(PageFindings::positionOf)).toList(), PageFindings::positionOf, after,
                limit);
    }

    /** {@code <firstSeen>|<account>|<region>|<finding key>}. */
    static String positionOf(FindingHistory history) {
        return ListingOrder.sortable(history.firstSeen()) + "|" + history.finding().scope().accountId() + "|"
                + history.finding().scope().region() + "|" + history.finding().key();
    }
}
