package io.certfleet.adapters.aws.elb;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.CanaryVerdict;
import io.certfleet.core.rotation.NegotiationMetrics;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * A load balancer's {@code ClientTLSNegotiationErrorCount} (CloudWatch, one-minute sums) over the time since a swap
 * and over an equal period before it. Application and Network Load Balancers publish it; Classic ones, CloudFront
 * and API Gateway have no such metric, so their canaries rely on the probe alone.
 */
public final class CloudWatchNegotiationMetrics implements NegotiationMetrics {

    /** {@code arn:...:listener/app/NAME/LB_ID/LISTENER_ID} -> {@code app/NAME/LB_ID}. */
    private static final Pattern LISTENER = Pattern.compile(".*:listener/((app|net)/[^/]+/[^/]+)/[^/]+$");
    private static final Duration SHORTEST = Duration.ofMinutes(1);

    private final Function<ScanScope, CloudWatchClient> clients;

    public CloudWatchNegotiationMetrics(Function<ScanScope, CloudWatchClient> clients) {
        this.clients = clients;
    }

    @Override
    public Optional<CanaryVerdict.NegotiationErrors> around(SwapTarget target, Instant swappedAt, Instant now) {
        if (target.type() != BindingType.ELBV2_LISTENER) {
            return Optional.empty();
        }
        Matcher listener = LISTENER.matcher(target.resourceId());
        if (!listener.matches()) {
            return Optional.empty();
        }
        String loadBalancer = listener.group(1);
        String namespace = loadBalancer.startsWith("app/") ? "AWS/ApplicationELB" : "AWS/NetworkELB";
        Duration period = Duration.between(swappedAt, now);
        if (period.compareTo(SHORTEST) < 0) {
            period = SHORTEST;
        }
        Instant start = swappedAt.minus(period);
        try {
            long before = sum(target.scope(), namespace, loadBalancer, start, swappedAt);
            long during = sum(target.scope(), namespace, loadBalancer, swappedAt, swappedAt.plus(period));
            return Optional.of(new CanaryVerdict.NegotiationErrors(before, during));
        } catch (SdkException failure) {
            return Optional.empty(); // no metric is no evidence either way: the probe decides
        }
    }

    private long sum(ScanScope scope, String namespace, String loadBalancer, Instant from, Instant until) {
        GetMetricDataResponse response = clients.apply(scope).getMetricData(request -> request
                .startTime(from).endTime(until)
                .metricDataQueries(MetricDataQuery.builder().id("errors").returnData(true)
                        .metricStat(stat -> stat.period(60).stat("Sum").metric(metric -> metric.namespace(namespace)
                                .metricName("ClientTLSNegotiationErrorCount")
                                .dimensions(dimension -> dimension.name("LoadBalancer").value(loadBalancer))))
                        .build()));
        return response.metricDataResults().stream().map(MetricDataResult::values)
                .flatMap(values -> values.stream()).mapToLong(Double::longValue).sum();
    }
}
