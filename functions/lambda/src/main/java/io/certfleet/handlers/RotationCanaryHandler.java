package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.CanaryCheck;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The canary of one swapped binding: {@code check} (one probe; when to check again), {@code judge} (the verdict
 * over all checks and the load balancer's negotiation errors), {@code verify} (after a restore: the old certificate
 * is served again).
 */
public final class RotationCanaryHandler extends CertfleetHandler {

    public RotationCanaryHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and `certfleet rotate`, which runs the workflow in-process. */
    public RotationCanaryHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RotationRequests.Step step = RotationRequests.readStep(input);
        CanaryCheck canary = wiring.rotation().canaryCheck();
        Object result = switch (step.action()) {
            case "check" -> canary.check(step.rotationId(), step.index());
            case "judge" -> canary.judge(step.rotationId(), step.index());
            case "verify" -> canary.verifyRestored(step.rotationId(), step.index());
            default -> throw new InvalidEventException("'action' must be check, judge or verify, got '"
                    + step.action() + "'");
        };
        EventJson.write(output, result);
    }
}
