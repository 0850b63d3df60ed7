package io.certfleet.core.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Use case: the findings compliance asks for, worst first, then oldest first. */
public final class ListFindings {

    private final FindingStore store;

    public ListFindings(FindingStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public List<FindingHistory> list(FindingQuery query) {
        return store.history().stream().filter(query::matches)
                .sorted(Comparator.comparing((FindingHistory history) -> history.finding().severity()).reversed()
                        .thenComparing(FindingHistory::firstSeen)
                        .thenComparing(history -> history.finding().key()))
                .toList();
    }
}
