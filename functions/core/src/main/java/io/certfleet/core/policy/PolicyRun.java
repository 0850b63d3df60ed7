package io.certfleet.core.policy;

import io.certfleet.core.discovery.ScanScope;
import java.util.List;
import java.util.Objects;

/**
 * What evaluating one account-region's certificates and endpoints did: the findings opened by this evaluation,
 * those still open, those resolved (gone since the last one), and the events published.
 */
public record PolicyRun(ScanScope scope, int certificates, int bindings, List<PolicyFinding> opened,
                        List<StoredFinding> stillOpen, List<StoredFinding> resolved, int eventsPublished,
                        List<String> failures) {

    public PolicyRun {
        Objects.requireNonNull(scope, "scope");
        opened = List.copyOf(opened);
        stillOpen = List.copyOf(stillOpen);
        resolved = List.copyOf(resolved);
        failures = List.copyOf(failures);
    }

    public int open() {
        return opened.size() + stillOpen.size();
    }
}
