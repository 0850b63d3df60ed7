package io.certfleet.core.fleet;

import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.discovery.WorkResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The outcome of a fleet scan: every work item's result, and the totals.
 *
 * @param accountRegionsScanned items whose every source was read
 */
public record FleetScanResult(String scanId, int accountsPlanned, int accountRegionsPlanned, int accountRegionsScanned,
                              List<WorkResult> results, long durationMs) {

    public FleetScanResult {
        results = List.copyOf(results);
    }

    public static FleetScanResult of(ScanPlan plan, List<WorkResult> results, long durationMs) {
        int complete = (int) results.stream().filter(WorkResult::complete).count();
        return new FleetScanResult(plan.scanId(), plan.accounts().size(), plan.items().size(), complete, results,
                durationMs);
    }

    /** Share of planned account-regions scanned completely, 0 to 1 (1 for an empty plan). */
    public double coverage() {
        return accountRegionsPlanned == 0 ? 1.0 : (double) accountRegionsScanned / accountRegionsPlanned;
    }

    public int certificates() {
        return results.stream().mapToInt(WorkResult::certificates).sum();
    }

    public int certificatesAdded() {
        return results.stream().mapToInt(WorkResult::certificatesAdded).sum();
    }

    public int certificatesUnchanged() {
        return results.stream().mapToInt(WorkResult::certificatesUnchanged).sum();
    }

    public int certificatesRemoved() {
        return results.stream().mapToInt(WorkResult::certificatesRemoved).sum();
    }

    public int malformed() {
        return results.stream().mapToInt(WorkResult::malformed).sum();
    }

    public int bindings() {
        return results.stream().mapToInt(WorkResult::bindings).sum();
    }

    public int bindingsRemoved() {
        return results.stream().mapToInt(WorkResult::bindingsRemoved).sum();
    }

    public List<ScanError> errors() {
        return results.stream().flatMap(result -> result.errors().stream()).toList();
    }

    /** API calls of all items, by {@code service:Operation}, sorted. */
    public Map<String, Long> apiCalls() {
        return summed(WorkResult::apiCalls);
    }

    public long totalApiCalls() {
        return apiCalls().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Retried attempts of those calls (throttled, 5xx, dropped connections), by operation, sorted. */
    public Map<String, Long> apiRetries() {
        return summed(WorkResult::apiRetries);
    }

    private Map<String, Long> summed(Function<WorkResult, Map<String, Long>> counts) {
        Map<String, Long> total = new TreeMap<>();
        results.forEach(result -> counts.apply(result).forEach((operation, count) -> total.merge(operation, count,
                Long::sum)));
        return total;
    }

    public long totalApiRetries() {
        return apiRetries().values().stream().mapToLong(Long::longValue).sum();
    }
}
