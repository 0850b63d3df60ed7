package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * First step of the scan workflow: plans a fleet scan (the schedule's tick, or a manual start naming accounts and
 * regions), stores the plan, and returns the work items for the Map state.
 */
public final class ScanPlannerHandler extends CertfleetHandler {

    public ScanPlannerHandler() {
        this(Wiring.forLambda());
    }

    ScanPlannerHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        ScanRequests.PlanRequest request = ScanRequests.readPlanRequest(input, wiring.settings().scanAccounts(),
                wiring.scanRegions());
        ScanPlan plan = wiring.startScan().start(request.accounts(), request.regions());
        context.getLogger().log("planned scan " + plan.scanId() + ": " + plan.items().size() + " account-regions");
        EventJson.write(output, Map.of("scanId", plan.scanId(),
                "items", plan.items().stream().map(ScanRequests::workItemJson).toList()));
    }
}
