package io.certfleet.adapters.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Holds each call until its API family's token bucket allows it. One limiter serves the clients of one account and
 * region, where AWS counts the quotas; the SDK's retries still handle the throttling that slips through.
 */
public final class RateLimiter implements ExecutionInterceptor {

    private final RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String family = limits.familyOf(ApiCallRecorder.operationName(attributes));
        if (family != null) {
            buckets.computeIfAbsent(family, key -> new Bucket(limits.families().get(key))).take();
        }
    }

    /** A token bucket; {@link #take()} sleeps until a token is there. */
    static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(RateLimits.Rate rate) {
            this.perNano = rate.perSecond() / TimeUnit.SECONDS.toNanos(1);
            this.capacity = rate.burst();
            this.tokens = rate.burst();
        }

        void take() {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
                refilledAt = now;
                tokens -= 1;
                waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perNano);
            }
            if (waitNanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the API rate limit", e);
                }
            }
        }
    }
}
