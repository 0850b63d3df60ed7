package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The rotation workflow's first step: plans the rotation (every location and endpoint of the certificate, in
 * waves) and, unless it is a dry run, takes the lock; returns the waves and what the workflow waits for.
 */
public final class RotationStartHandler extends CertfleetHandler {

    public RotationStartHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and `certfleet rotate`, which runs the workflow in-process. */
    public RotationStartHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RotationRequests.Start start = RotationRequests.readStart(input);
        RotationWiring rotation = wiring.rotation();
        Rotation planned = rotation.planRotation().plan(start.request());
        Rotation started = start.dryRun() || planned.status().finished() ? planned
                : rotation.startRotation().start(planned.rotationId());
        EventJson.write(output, RotationRequests.started(started, rotation.rotations().bindings(
                started.rotationId()), start));
    }
}
