package io.certfleet.core.fleet;

import io.certfleet.core.discovery.WorkResult;
import java.util.List;
import java.util.Optional;

/**
 * Port: where a fleet scan run by separate workers (the Step Functions scan) keeps its plan, each item's result
 * and its summary, so that the last step can add them up.
 */
public interface ScanRunRepository {

    void savePlan(ScanPlan plan);

    Optional<ScanPlan> findPlan(String scanId);

    /** Idempotent: a retried worker overwrites its item's result. */
    void saveResult(WorkResult result);

    List<WorkResult> findResults(String scanId);

    /** Keeps a finished scan's totals (each scan that ends, whoever ran it: workflow, CLI, demo). */
    void saveSummary(FleetScanResult summary);

    /** The coverage of the scan that finished last (summaries are kept 90 days); empty when none did. */
    Optional<ScanCoverage> latestCoverage();
}
