package io.certfleet.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void theMostSpecificFamilyGovernsAnOperation() {
        RateLimits limits = RateLimits.AWS_QUOTAS;

        assertThat(limits.familyOf("acm:ListCertificates")).isEqualTo("acm:ListCertificates");
        assertThat(limits.familyOf("acm:GetCertificate")).isEqualTo("acm:");
        assertThat(limits.familyOf("elasticloadbalancingv2:DescribeListeners"))
                .isEqualTo("elasticloadbalancingv2:Describe");
        assertThat(limits.familyOf("dynamodb:UpdateItem")).isNull();
    }

    /** A lower bound only (the bucket holds calls back; it never speeds them up): not a timing target. */
    @Test
    void callsBeyondTheBurstWaitForTokens() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(new RateLimits.Rate(20, 5));
        long started = System.nanoTime();

        for (int i = 0; i < 15; i++) {
            bucket.take();
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).as("5 at once, then 10 at 20/s").isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void aFreshBucketLetsTheBurstThrough() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(new RateLimits.Rate(1, 3));
        long started = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            bucket.take();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        assertThat(new RateLimits(Map.of()).familyOf("acm:ListCertificates")).isNull();
    }
}
