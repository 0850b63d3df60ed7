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

    void saveSummary(FleetScanResult summary);
}
