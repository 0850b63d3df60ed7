package io.certfleet.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCallPolicyTest {

    @Test
    void theDefaultEndsASilentCallWithinFifteenSecondsAndTriesTenTimes() {
        AwsCallPolicy policy = AwsCallPolicy.fromEnvironment(Map.of());

        assertThat(policy.callTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.maxAttempts()).isEqualTo(10);
        assertThat(policy.retryStrategy().maxAttempts()).isEqualTo(10);
    }

    @Test
    void theEnvironmentSetsCeilingAndAttempts() {
        AwsCallPolicy policy = AwsCallPolicy.fromEnvironment(Map.of(AwsCallPolicy.CALL_TIMEOUT_VARIABLE, " 4 ",
                AwsCallPolicy.MAX_ATTEMPTS_VARIABLE, "3"));

        assertThat(policy).isEqualTo(new AwsCallPolicy(Duration.ofSeconds(4), 3));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> AwsCallPolicy.fromEnvironment(Map.of(AwsCallPolicy.CALL_TIMEOUT_VARIABLE, "15s")))
                .hasMessage("CERTFLEET_AWS_CALL_TIMEOUT_SECONDS must be a whole number, got '15s'");
        assertThatThrownBy(() -> AwsCallPolicy.fromEnvironment(Map.of(AwsCallPolicy.CALL_TIMEOUT_VARIABLE, "0")))
                .hasMessageContaining("between 1 ms and 15 minutes");
        assertThatThrownBy(() -> AwsCallPolicy.fromEnvironment(Map.of(AwsCallPolicy.MAX_ATTEMPTS_VARIABLE, "0")))
                .hasMessage("attempts per AWS call must be 1 to 20, got 0");
    }

    /** Full jitter: never above the cap; throttling waits start higher than other retries'. */
    @Test
    void throttlingBacksOffLongerThanOtherErrors() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            assertThat(AwsCallPolicy.BACKOFF.computeDelay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(AwsCallPolicy.THROTTLING_BACKOFF.computeDelay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        long plain = 0;
        long throttled = 0;
        for (int i = 0; i < 2000; i++) {
            plain += AwsCallPolicy.BACKOFF.computeDelay(2).toMillis();
            throttled += AwsCallPolicy.THROTTLING_BACKOFF.computeDelay(2).toMillis();
        }
        assertThat(throttled).isGreaterThan(plain * 3);
    }
}
