package io.certfleet.core.compliance;

import io.certfleet.core.finding.Severity;
import io.certfleet.core.metrics.MetricPoint;
import io.certfleet.core.metrics.MetricsSink;
import io.certfleet.core.rotation.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case (scheduled): the fleet's governance KPIs as metric points, for the dashboard and the alarms. A ratio with
 * nothing to measure (no probed endpoint, no finished scan) publishes no point rather than a made-up 100 %.
 */
public final class PublishKpis {

    private final ComputeKpis kpis;
    private final CircuitBreaker breaker;
    private final MetricsSink sink;

    public PublishKpis(ComputeKpis kpis, CircuitBreaker breaker, MetricsSink sink) {
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** @return what was published */
    public List<MetricPoint> publish() {
        List<MetricPoint> points = points(kpis.compute(KpiFilter.FLEET));
        points.add(MetricPoint.of("CircuitBreakerOpen", breaker.state().open() ? 1 : 0, MetricPoint.Unit.COUNT));
        sink.publish(points);
        return points;
    }

    /** The KPIs as points (names as the README's dashboard section lists them). */
    static List<MetricPoint> points(GovernanceKpis kpis) {
        List<MetricPoint> points = new ArrayList<>();
        count(points, "Certificates", kpis.inventory().certificates());
        count(points, "Endpoints", kpis.inventory().endpoints());
        kpis.inventory().coverage().ifPresent(coverage -> {
            points.add(MetricPoint.of("ScanCoverage", coverage.ratio() * 100, MetricPoint.Unit.PERCENT));
            count(points, "ScanErrors", coverage.errorCount());
        });
        percent(points, "OwnedEndpoints", kpis.inventory().ownedEndpoints().ratio(), Map.of());
        percent(points, "HandshakeSuccessRate", kpis.handshakes().success().ratio(), Map.of());
        kpis.handshakes().byOwner().forEach(owner -> percent(points, "HandshakeSuccessRate",
                owner.success().ratio(), Map.of("Owner", owner.owner())));
        percent(points, "EndpointsMeetingPolicy", kpis.policy().meetingPolicy().ratio(), Map.of());
        percent(points, "EndpointsOnAllowedSecurityPolicy", kpis.policy().allowedSecurityPolicy().ratio(), Map.of());
        percent(points, "ShortLivedCertificates", kpis.lifetimes().shortLived().ratio(), Map.of());
        GovernanceKpis.Expiry expiry = kpis.expiry();
        count(points, "CertificatesExpired", expiry.expired());
        count(points, "ExpiredCertificatesInUse", expiry.expiredInUse());
        count(points, "CertificatesExpiring0To7Days", expiry.days0To7());
        count(points, "CertificatesExpiring8To30Days", expiry.days8To30());
        count(points, "CertificatesExpiring31To90Days", expiry.days31To90());
        for (Severity severity : Severity.values()) {
            points.add(new MetricPoint("OpenFindings", kpis.findings().bySeverity().getOrDefault(severity, 0L),
                    MetricPoint.Unit.COUNT, Map.of("Severity", severity.label())));
        }
        count(points, "RotationsSucceeded", kpis.rotations().succeeded());
        count(points, "RotationsFailedOrRolledBack", kpis.rotations().failed() + kpis.rotations().rolledBack());
        count(points, "RotationsFailedLastHour", kpis.rotations().failedLastHour());
        kpis.rotations().meanSeconds().ifPresent(mean -> points.add(MetricPoint.of("MeanTimeToRotate", mean,
                MetricPoint.Unit.SECONDS)));
        kpis.rotations().p90Seconds().ifPresent(p90 -> points.add(MetricPoint.of("P90TimeToRotate", p90,
                MetricPoint.Unit.SECONDS)));
        return points;
    }

    private static void count(List<MetricPoint> points, String name, long value) {
        points.add(MetricPoint.of(name, value, MetricPoint.Unit.COUNT));
    }

    private static void percent(List<MetricPoint> points, String name, Optional<Double> ratio,
                                Map<String, String> dimensions) {
        ratio.ifPresent(value -> points.add(new MetricPoint(name, Math.round(value * 10_000) / 100.0,
                MetricPoint.Unit.PERCENT, dimensions)));
    }
}
