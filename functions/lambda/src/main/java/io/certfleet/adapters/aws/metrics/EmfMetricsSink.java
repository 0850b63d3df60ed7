package io.certfleet.adapters.aws.metrics;

import io.certfleet.core.metrics.MetricPoint;
import io.certfleet.core.metrics.MetricsSink;
import java.util.List;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Metric points as CloudWatch Embedded Metric Format lines on standard output, written by Powertools for AWS
 * Lambda (Java): in Lambda the log becomes metrics in namespace {@value MetricsSink#NAMESPACE}. Each point is its
 * own line with its own dimensions (a fleet value, or one owner's, one severity's). Outside Lambda (the CLI, tests)
 * the lines go to standard output too, never to a CloudWatch agent.
 */
public final class EmfMetricsSink implements MetricsSink {

    private final Metrics metrics;

    public EmfMetricsSink(Map<String, String> environment) {
        if (!environment.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
        this.metrics = MetricsFactory.getMetricsInstance();
    }

    @Override
    public void publish(List<MetricPoint> points) {
        for (MetricPoint point : points) {
            DimensionSet dimensions = point.dimensions().isEmpty() ? DimensionSet.of("Fleet", "all")
                    : DimensionSet.of(point.dimensions());
            metrics.flushSingleMetric(point.name(), point.value(), unit(point.unit()), NAMESPACE, dimensions);
        }
    }

    private static MetricUnit unit(MetricPoint.Unit unit) {
        return switch (unit) {
            case COUNT -> MetricUnit.COUNT;
            case PERCENT -> MetricUnit.PERCENT;
            case SECONDS -> MetricUnit.SECONDS;
        };
    }
}
