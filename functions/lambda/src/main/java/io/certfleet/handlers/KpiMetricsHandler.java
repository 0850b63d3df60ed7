package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.metrics.MetricPoint;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point (scheduled): publishes the fleet's governance KPIs as EMF metrics for the dashboard and the
 * alarms; answers how many points it published.
 */
public final class KpiMetricsHandler extends CertfleetHandler {

    public KpiMetricsHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and local runs. */
    public KpiMetricsHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        List<MetricPoint> points = wiring.publishKpis().publish();
        EventJson.write(output, Map.of("published", points.size()));
    }
}
