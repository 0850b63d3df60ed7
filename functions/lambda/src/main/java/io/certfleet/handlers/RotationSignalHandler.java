package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.RequestRollback;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Rollback triggers from outside a rotation: a {@code RollbackRequested} event on certfleet's bus, or a CloudWatch
 * alarm going into ALARM for a resource under rotation. The rotation is marked; its next canary verdict fails and
 * the workflow puts back what it swapped.
 */
public final class RotationSignalHandler extends CertfleetHandler {

    public RotationSignalHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and local runs. */
    public RotationSignalHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RequestRollback rollback = wiring.rotation().requestRollback();
        List<RequestRollback.Outcome> outcomes = switch (RotationRequests.readSignal(input)) {
            case RotationRequests.RollbackSignal asked -> List.of(rollback.rollback(asked.rotationId(),
                    asked.reason(), asked.requestedBy(), false));
            case RotationRequests.AlarmSignal alarm -> alarm.alarm() ? rollback.alarm(alarm.alarmName(),
                    alarm.dimensions()) : List.of();
        };
        outcomes.forEach(outcome -> context.getLogger().log(outcome.message()));
        EventJson.write(output, Map.of("rolledBack", outcomes.stream().filter(RequestRollback.Outcome::accepted)
                .count(), "messages", outcomes.stream().map(RequestRollback.Outcome::message).toList()));
    }
}
