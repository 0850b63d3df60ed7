package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.core.discovery.ScanResult;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScheduledEvent;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Scheduled scan: on each EventBridge schedule tick, reads ACM of the account and region the rule fired in into
 * the inventory table, and returns the {@link ScanResult}.
 */
public final class ScheduledScanHandler implements RequestStreamHandler {

    private final Wiring wiring;

    /** Lambda creates one instance per execution environment: the wiring is built once, at init. */
    public ScheduledScanHandler() {
        this(Wiring.fromEnvironment());
    }

    ScheduledScanHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        ScheduledEvent event = EventJson.readScheduledEvent(input);
        ScanScope scope = new ScanScope(event.account(), event.region());
        ScanResult result = wiring.scanCertificates().scan(wiring.acm(scope));
        context.getLogger().log(EventJson.toJson(result));
        EventJson.write(output, result);
    }
}
