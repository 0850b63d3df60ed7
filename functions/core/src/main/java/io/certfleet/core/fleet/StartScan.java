package io.certfleet.core.fleet;

import java.util.List;
import java.util.Objects;

/** Use case: plan a fleet scan whose items separate workers will scan, and store the plan for its summary. */
public final class StartScan {

    private final PlanScan plan;
    private final ScanRunRepository runs;

    public StartScan(PlanScan plan, ScanRunRepository runs) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    public ScanPlan start(AccountSelection accounts, List<String> regions) {
        ScanPlan planned = plan.plan(accounts, regions);
        runs.savePlan(planned);
        return planned;
    }
}
