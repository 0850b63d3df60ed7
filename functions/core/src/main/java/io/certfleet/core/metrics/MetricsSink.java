package io.certfleet.core.metrics;

import java.util.List;

/** Port: where metric points go (in AWS: EMF lines in the function's log, which CloudWatch turns into metrics). */
public interface MetricsSink {

    /** Namespace of every certfleet metric. */
    String NAMESPACE = "certfleet";

    void publish(List<MetricPoint> points);
}
