package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.api.ScanSummaryJson;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/** Last step of the scan workflow: adds up the items' stored results into the scan's summary (coverage, errors). */
public final class ScanSummaryHandler extends CertfleetHandler {

    public ScanSummaryHandler() {
        this(Wiring.forLambda());
    }

    ScanSummaryHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        FleetScanResult summary = wiring.summarizeScan().summarize(ScanRequests.readScanId(input));
        context.getLogger().log("scan " + summary.scanId() + ": " + summary.accountRegionsScanned() + "/"
                + summary.accountRegionsPlanned() + " account-regions, " + summary.errors().size() + " errors");
        EventJson.write(output, ScanSummaryJson.of(summary));
    }
}
