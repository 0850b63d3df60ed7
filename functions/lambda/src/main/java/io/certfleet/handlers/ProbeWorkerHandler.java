package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.api.ProbeJson;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.probe.fleet.ScopeProbeResult;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The scan workflow's second step per account-region: probes the endpoints the scan found there (TLS handshakes
 * naming the cause of every failure) and stores each result next to its binding; returns the counts.
 */
public final class ProbeWorkerHandler extends CertfleetHandler {

    public ProbeWorkerHandler() {
        this(Wiring.forLambda());
    }

    ProbeWorkerHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        WorkItem item = ScanRequests.readWorkItem(input);
        ScopeProbeResult result = wiring.probeScope().probe(item.scope(), item.includesGlobalSources());
        context.getLogger().log(EventJson.toJson(ProbeJson.scope(result)));
        EventJson.write(output, ProbeJson.scope(result));
    }
}
