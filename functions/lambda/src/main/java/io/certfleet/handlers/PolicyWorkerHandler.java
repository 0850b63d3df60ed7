package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.api.PolicyJson;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The policy step of the scan workflow: judges one account-region's certificates and endpoints (configuration,
 * wire, and the two compared), stores the findings with their history and publishes their changes as events; then
 * asks for the rotation of the certificates that need one ({@code RotationRequested}, at most daily each).
 */
public final class PolicyWorkerHandler extends CertfleetHandler {

    public PolicyWorkerHandler() {
        this(Wiring.forLambda());
    }

    PolicyWorkerHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        WorkItem item = ScanRequests.readWorkItem(input);
        List<PolicyRun> runs = wiring.evaluatePolicy().evaluate(item.scope(), item.includesGlobalSources());
        String rotations;
        try {
            rotations = wiring.rotation().requestRotations().request(runs).toString();
        } catch (RuntimeException failure) { // the judgement stands; the next run asks again
            rotations = "none, the requests could not be sent: " + failure.getMessage();
        }
        context.getLogger().log(EventJson.toJson(PolicyJson.runs(runs)) + " rotations requested: " + rotations);
        EventJson.write(output, PolicyJson.runs(runs));
    }
}
