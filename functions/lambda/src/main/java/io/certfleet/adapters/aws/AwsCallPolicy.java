package io.certfleet.adapters.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How long an AWS call may take and how often it is tried: every client certfleet builds has a ceiling on the
 * whole call (retries and their waits included), so that a dead or silent endpoint fails in bounded time, and
 * the SDK's standard retries with jittered exponential backoff — longer for throttling than for other retryable
 * errors (5xx, dropped connections). The rate limiter's wait comes before the call and is not part of the ceiling.
 *
 * @param callTimeout ceiling of one API call, all attempts included
 * @param maxAttempts attempts per call, the first included
 */
public record AwsCallPolicy(Duration callTimeout, int maxAttempts) {

    /** Environment variable for the ceiling of one call, in seconds (default 15). */
    public static final String CALL_TIMEOUT_VARIABLE = "CERTFLEET_AWS_CALL_TIMEOUT_SECONDS";
    /** Environment variable for the attempts per call (default 10). */
    public static final String MAX_ATTEMPTS_VARIABLE = "CERTFLEET_AWS_MAX_ATTEMPTS";
    public static final AwsCallPolicy DEFAULT = new AwsCallPolicy(Duration.ofSeconds(15), 10);
    static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(50),
            Duration.ofSeconds(2));
    static final BackoffStrategy THROTTLING_BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(250),
            Duration.ofSeconds(5));

    public AwsCallPolicy {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()
                || callTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("the AWS call timeout must be between 1 ms and 15 minutes, got "
                    + callTimeout);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("attempts per AWS call must be 1 to 20, got " + maxAttempts);
        }
    }

    /** The default, with {@value #CALL_TIMEOUT_VARIABLE} and {@value #MAX_ATTEMPTS_VARIABLE} applied if set. */
    public static AwsCallPolicy fromEnvironment(Map<String, String> env) {
        Duration timeout = number(env, CALL_TIMEOUT_VARIABLE).map(Duration::ofSeconds).orElse(DEFAULT.callTimeout);
        int attempts = number(env, MAX_ATTEMPTS_VARIABLE).map(Math::toIntExact).orElse(DEFAULT.maxAttempts);
        return new AwsCallPolicy(timeout, attempts);
    }

    /** The SDK retry strategy: AWS's retryable and throttling errors, this many attempts, the two backoffs. */
    RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BACKOFF)
                .throttlingBackoffStrategy(THROTTLING_BACKOFF)
                .build();
    }

    private static Optional<Long> number(Map<String, String> env, String name) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }
}
