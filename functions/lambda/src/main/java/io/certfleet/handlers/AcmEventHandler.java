package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.api.AlertRunJson;
import io.certfleet.core.alerting.AcmNotice;
import io.certfleet.core.alerting.AlertRun;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * ACM's own expiry events (Approaching Expiration, Renewal Action Required) into certfleet's alerts: evaluated
 * like the schedule does, through the same ledger, so ACM's daily events never become daily alerts.
 */
public final class AcmEventHandler extends CertfleetHandler {

    public AcmEventHandler() {
        this(Wiring.forLambda());
    }

    AcmEventHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        AcmNotice notice = EventJson.readAcmNotice(input);
        AlertRun run = wiring.sendExpiryAlerts().run(notice);
        context.getLogger().log("ACM " + notice.kind() + " for " + notice.certificateArn() + ": " + run.sent().size()
                + " sent, " + run.alreadySent().size() + " already sent"
                + (run.notInInventory().isEmpty() ? "" : ", not in the inventory yet (alerted after its scan)"));
        if (!run.failed().isEmpty()) {
            throw new IllegalStateException("not everything was sent (EventBridge retries the event): " + run.failed());
        }
        EventJson.write(output, AlertRunJson.of(run));
    }
}
