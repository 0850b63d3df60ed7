package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.FinishRotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The rotation workflow's bookkeeping: {@code wave} (is wave {@code index} complete?), {@code touched} (the bindings
 * a rollback puts back), {@code approval} (where the approval gate stands), and the ends {@code succeeded}, {@code rolledBack}, {@code failed}, {@code detached} (a local
 * run that waits for a change window ends there), each releasing the lock.
 */
public final class RotationFinishHandler extends CertfleetHandler {

    public RotationFinishHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and `certfleet rotate`, which runs the workflow in-process. */
    public RotationFinishHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RotationRequests.Step step = RotationRequests.readStep(input);
        RotationWiring rotation = wiring.rotation();
        FinishRotation finish = rotation.finishRotation();
        String id = step.rotationId();
        EventJson.write(output, switch (step.action()) {
            case "wave" -> RotationRequests.wave(finish.waveCompleted(id, step.index()));
            case "touched" -> Map.of("indexes", rotation.rotations().bindings(id).stream()
                    .filter(RotationBinding::touched).map(RotationBinding::index).toList());
            case "succeeded" -> RotationRequests.ended(finish.succeeded(id));
            case "rolledBack" -> RotationRequests.ended(finish.rolledBack(id));
            case "failed" -> RotationRequests.ended(finish.failed(id, step.cause()));
            case "detached" -> RotationRequests.ended(finish.detached(id));
            case "approval" -> RotationRequests.approval(rotation.approveRotation().check(id),
                    rotation.rotations().load(id));
            default -> throw new InvalidEventException("'action' must be wave, touched, succeeded, rolledBack, "
                    + "failed, detached or approval, got '" + step.action() + "'");
        });
    }
}
