package io.certfleet.testing;

import io.certfleet.adapters.aws.AwsClients;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** Puts an Application Load Balancer's own metrics into CloudWatch, as the load balancer would report them. */
public final class LoadBalancerMetrics {

    private LoadBalancerMetrics() {
    }

    /**
     * {@code ClientTLSNegotiationErrorCount} data points (time to count) of the load balancer of {@code listenerArn}
     * ({@code arn:...:listener/app/NAME/ID/LISTENER} → dimension {@code app/NAME/ID}).
     */
    public static void negotiationErrors(AwsClients clients, String listenerArn, Map<Instant, Double> points) {
        String loadBalancer = listenerArn.replaceFirst(".*:listener/", "").replaceFirst("/[^/]+$", "");
        for (Map.Entry<Instant, Double> point : points.entrySet()) {
            MetricDatum datum = MetricDatum.builder().metricName("ClientTLSNegotiationErrorCount")
                    .value(point.getValue()).timestamp(point.getKey()).unit("Count")
                    .dimensions(Dimension.builder().name("LoadBalancer").value(loadBalancer).build()).build();
            clients.cloudWatch().putMetricData(request -> request.namespace("AWS/ApplicationELB").metricData(datum));
        }
    }
}
