package io.certfleet.core.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * One value of a named metric, with its dimensions (e.g. {@code Owner}): what certfleet publishes for dashboards and
 * alarms (in AWS, as CloudWatch Embedded Metric Format log lines).
 */
public record MetricPoint(String name, double value, Unit unit, Map<String, String> dimensions) {

    public enum Unit { COUNT, PERCENT, SECONDS }

    public MetricPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        dimensions = Map.copyOf(dimensions);
    }

    public static MetricPoint of(String name, double value, Unit unit) {
        return new MetricPoint(name, value, unit, Map.of());
    }
}
