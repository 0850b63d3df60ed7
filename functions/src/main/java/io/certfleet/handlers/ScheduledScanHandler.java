package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.ScheduledEvent;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Scheduled scan of the function's own account: on each EventBridge schedule tick, scans the account and region
 * the rule fired in (global services included) into the inventory, and returns the {@link WorkResult}.
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
        WorkItem item = new WorkItem(event.id(), new ScanScope(event.account(), event.region()), true, Map.of());
        WorkResult result = wiring.scanFleet().scanOne(item);
        context.getLogger().log(EventJson.toJson(result));
        EventJson.write(output, result);
    }
}
