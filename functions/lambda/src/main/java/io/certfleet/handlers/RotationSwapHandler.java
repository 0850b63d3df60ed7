package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.SwapBinding;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Swaps one binding to the replacement ({@code "action": "swap"}) or puts it back ({@code "restore"}). */
public final class RotationSwapHandler extends CertfleetHandler {

    public RotationSwapHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and `certfleet rotate`, which runs the workflow in-process. */
    public RotationSwapHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RotationRequests.Step step = RotationRequests.readStep(input);
        SwapBinding swap = wiring.rotation().swapBinding();
        SwapBinding.Outcome outcome = switch (step.action()) {
            case "swap" -> swap.swap(step.rotationId(), step.index());
            case "restore" -> swap.restore(step.rotationId(), step.index());
            default -> throw new InvalidEventException("'action' must be swap or restore, got '" + step.action() + "'");
        };
        EventJson.write(output, Map.of("result", outcome.result().name(), "detail", String.valueOf(outcome.detail())));
    }
}
