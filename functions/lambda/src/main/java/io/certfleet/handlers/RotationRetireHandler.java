package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.RetireReplacedCertificates;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Daily (EventBridge schedule; the event's content is not read): deletes the certificates that succeeded rotations
 * replaced, once their profile's {@code retainOldDays} have passed and nothing uses them.
 */
public final class RotationRetireHandler extends CertfleetHandler {

    public RotationRetireHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and local runs. */
    public RotationRetireHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        List<RetireReplacedCertificates.Retired> retired = wiring.rotation().retireReplaced().retire();
        retired.forEach(one -> context.getLogger().log("rotation " + one.rotationId() + ": " + one.certificateArn()
                + " " + one.outcome()));
        EventJson.write(output, Map.of("certificates", retired.stream().map(one -> Map.of("rotationId",
                one.rotationId(), "certificateArn", one.certificateArn(), "outcome", one.outcome())).toList()));
    }
}
