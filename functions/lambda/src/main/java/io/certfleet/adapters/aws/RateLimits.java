package io.certfleet.adapters.aws;

import java.util.Map;
import java.util.Objects;

/**
 * Requests per second allowed per API family (per account and region, as AWS counts them), with a burst.
 * Families are matched by {@code service:OperationPrefix} (e.g. {@code elasticloadbalancingv2:Describe}); the most
 * specific match wins; calls matching no family are not limited.
 */
public record RateLimits(Map<String, Rate> families) {

    /** A steady rate and the burst a bucket may hold. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1");
            }
        }
    }

    /**
     * AWS's published quotas for the calls certfleet makes: ACM ListCertificates 1/s, other ACM reads 10/s,
     * ELB Describe* 10/s with burst 40 (Classic and v2), IAM, CloudFront and API Gateway reads at conservative rates.
     */
    public static final RateLimits AWS_QUOTAS = new RateLimits(Map.of(
            "acm:ListCertificates", new Rate(1, 1),
            "acm:", new Rate(10, 10),
            "elasticloadbalancingv2:Describe", new Rate(10, 40),
            "elasticloadbalancing:Describe", new Rate(10, 40),
            "iam:", new Rate(10, 10),
            "cloudfront:", new Rate(5, 10),
            "apigateway:", new Rate(5, 10),
            "resourcegroupstaggingapi:", new Rate(5, 5)));

    /** No limits (tests of logic, where the emulator's speed is not the point). */
    public static final RateLimits UNLIMITED = new RateLimits(Map.of());

    public RateLimits {
        families = Map.copyOf(Objects.requireNonNull(families, "families"));
    }

    /** The family key governing an operation, or {@code null}. */
    public String familyOf(String operation) {
        String best = null;
        for (String family : families.keySet()) {
            if (operation.startsWith(family) && (best == null || family.length() > best.length())) {
                best = family;
            }
        }
        return best;
    }
}
