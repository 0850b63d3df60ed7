package io.certfleet.core.discovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What scanning one work item found and did.
 *
 * @param certificates         certificates the stores listed
 * @param certificatesAdded    of those, new at their location
 * @param certificatesUnchanged of those, recognised as unchanged and not read again
 * @param malformed            of those, whose body or chain could not be read (kept, with the reason)
 * @param certificatesRemoved  inventory records of this scope no longer listed, now marked removed
 * @param bindings             endpoint bindings found
 * @param errors               what could not be read; empty when the item is complete
 * @param apiCalls             AWS API calls made, by {@code service:Operation}
 * @param apiRetries           of their attempts, the retried ones (throttled, 5xx, dropped), by operation
 */
public record WorkResult(WorkItem item, int certificates, int certificatesAdded, int certificatesUnchanged,
                         int malformed, int certificatesRemoved, int bindings, int bindingsAdded, int bindingsRemoved,
                         List<ScanError> errors, Map<String, Long> apiCalls, Map<String, Long> apiRetries,
                         long durationMs) {

    public WorkResult {
        Objects.requireNonNull(item, "item");
        errors = List.copyOf(errors);
        apiCalls = Map.copyOf(apiCalls);
        apiRetries = apiRetries == null ? Map.of() : Map.copyOf(apiRetries); // absent in results stored before
    }

    /** An item that could not be scanned at all (e.g. the account's role could not be assumed). */
    public static WorkResult failed(WorkItem item, ScanError error, Map<String, Long> apiCalls,
                                    Map<String, Long> apiRetries, long durationMs) {
        return new WorkResult(item, 0, 0, 0, 0, 0, 0, 0, 0, List.of(error), apiCalls, apiRetries, durationMs);
    }

    /** Every source of the item was read. */
    public boolean complete() {
        return errors.isEmpty();
    }
}
