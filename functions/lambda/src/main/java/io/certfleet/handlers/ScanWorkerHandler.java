package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * One iteration of the scan workflow's Map: scans one account-region into the inventory and stores its result
 * for the summary; returns only a few counts (the Map's output stays small whatever the fleet's size).
 */
public final class ScanWorkerHandler extends CertfleetHandler {

    public ScanWorkerHandler() {
        this(Wiring.forLambda());
    }

    ScanWorkerHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        WorkItem item = ScanRequests.readWorkItem(input);
        WorkResult result = wiring.scanWorkItem().scan(item);
        context.getLogger().log(EventJson.toJson(Map.of("scope", item.scope().toString(),
                "certificates", result.certificates(), "errors", result.errors())));
        EventJson.write(output, Map.of("scope", item.scope().toString(), "complete", result.complete(),
                "certificates", result.certificates(), "errors", result.errors().size()));
    }
}
