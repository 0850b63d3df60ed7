package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.api.AlertRunJson;
import io.certfleet.core.alerting.AlertRun;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The alert schedule's target: evaluates every certificate's expiry thresholds and alerts owners once per
 * threshold. Alerts that could not be sent fail the invocation (after the others went out), so Lambda's retry
 * and the Errors alarm see them; their thresholds were given back and are sent by the retry.
 */
public final class ExpiryAlertHandler extends CertfleetHandler {

    public ExpiryAlertHandler() {
        this(Wiring.forLambda());
    }

    ExpiryAlertHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        EventJson.readScheduledEvent(input);
        AlertRun run = wiring.sendExpiryAlerts().run();
        context.getLogger().log("expiry alerts: " + run.evaluated() + " evaluated, " + run.sent().size() + " sent, "
                + run.alreadySent().size() + " already sent, " + run.suppressed().size() + " held by rotations, "
                + run.failed().size() + " failed");
        if (!run.failed().isEmpty()) {
            throw new IllegalStateException("not everything was sent (unsent alerts are retried by the next invocation): "
                    + run.failed());
        }
        EventJson.write(output, AlertRunJson.of(run));
    }
}
