package io.certfleet.wiring;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the deployed prober works: per-connection timeout, endpoints at once, whether it can reach internal load
 * balancers (it runs inside their VPC), and an optional policy file replacing the built-in profiles.
 */
public record ProbeOptions(Duration timeout, int concurrency, boolean reachesInternalEndpoints,
                           Optional<String> policyFile) {

    public static final String TIMEOUT_VARIABLE = "CERTFLEET_PROBE_TIMEOUT_MS";
    public static final String CONCURRENCY_VARIABLE = "CERTFLEET_PROBE_CONCURRENCY";
    public static final String INTERNAL_VARIABLE = "CERTFLEET_PROBE_INTERNAL";
    public static final String POLICY_FILE_VARIABLE = "CERTFLEET_POLICY_FILE";
    public static final ProbeOptions DEFAULTS = new ProbeOptions(Duration.ofSeconds(5), 32, false, Optional.empty());

    public ProbeOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_VARIABLE + " must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(CONCURRENCY_VARIABLE + " must be at least 1, got " + concurrency);
        }
        Objects.requireNonNull(policyFile, "policyFile");
    }

    static ProbeOptions fromEnvironment(Map<String, String> env) {
        return new ProbeOptions(
                Duration.ofMillis(number(env, TIMEOUT_VARIABLE, DEFAULTS.timeout().toMillis())),
                (int) number(env, CONCURRENCY_VARIABLE, DEFAULTS.concurrency()),
                switch (env.getOrDefault(INTERNAL_VARIABLE, "false").strip()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException(INTERNAL_VARIABLE + " must be 'true' or 'false', "
                            + "got '" + env.get(INTERNAL_VARIABLE) + "'");
                },
                Optional.ofNullable(env.get(POLICY_FILE_VARIABLE)).map(String::strip).filter(s -> !s.isEmpty()));
    }

    private static long number(Map<String, String> env, String variable, long fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'");
        }
    }
}
