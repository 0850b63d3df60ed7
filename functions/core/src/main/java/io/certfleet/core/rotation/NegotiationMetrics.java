package io.certfleet.core.rotation;

import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: a load balancer's own count of failed client TLS negotiations, over equal periods before and after a swap
 * (CloudWatch's {@code ClientTLSNegotiationErrorCount}); empty for endpoints without such a metric.
 */
public interface NegotiationMetrics {

    NegotiationMetrics NONE = (target, swappedAt, now) -> Optional.empty();

    Optional<CanaryVerdict.NegotiationErrors> around(SwapTarget target, Instant swappedAt, Instant now);
}
