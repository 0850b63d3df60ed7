package io.certfleet.core.fleet;

import io.certfleet.core.discovery.WorkItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The work of one fleet scan: one item per account and region. */
public record ScanPlan(String scanId, Instant plannedAt, List<Account> accounts, List<String> regions,
                       List<WorkItem> items) {
    public ScanPlan {
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(plannedAt, "plannedAt");
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        items = List.copyOf(items);
    }
}
