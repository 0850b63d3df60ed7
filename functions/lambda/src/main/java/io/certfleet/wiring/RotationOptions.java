package io.certfleet.wiring;

import io.certfleet.core.drill.DrillableEnvironments;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How rotations run: the role assumed in member accounts to swap certificates (separate from the read-only scanner
 * role, deployed opt-in), and when the fleet-wide circuit breaker opens.
 *
 * @param roleName         the member accounts' rotation role
 * @param breakerFailures  rolled-back rotations within {@code breakerWindow} that open the breaker
 * @param drillable        the environments whose endpoints may be drilled ({@code CERTFLEET_DRILLABLE_ENVIRONMENTS},
 *                         comma-separated; default {@code staging})
 */
public record RotationOptions(String roleName, int breakerFailures, Duration breakerWindow,
                              DrillableEnvironments drillable) {

    public static final String ROLE_VARIABLE = "CERTFLEET_ROTATION_ROLE";
    public static final String BREAKER_FAILURES_VARIABLE = "CERTFLEET_BREAKER_FAILURES";
    public static final String BREAKER_WINDOW_VARIABLE = "CERTFLEET_BREAKER_WINDOW_MINUTES";
    public static final String DEFAULT_ROLE_NAME = "CertfleetMemberRotationRole";
    /** Three rollbacks within an hour: one is a bad certificate, three in an hour is something systematic. */
    public static final RotationOptions DEFAULTS = new RotationOptions(DEFAULT_ROLE_NAME, 3, Duration.ofHours(1),
            DrillableEnvironments.DEFAULT);

    public RotationOptions {
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(drillable, "drillable");
        if (breakerFailures < 1) {
            throw new IllegalArgumentException(BREAKER_FAILURES_VARIABLE + " must be 1 or more, got " + breakerFailures);
        }
        if (breakerWindow.isNegative() || breakerWindow.isZero()) {
            throw new IllegalArgumentException(BREAKER_WINDOW_VARIABLE + " must be positive");
        }
    }

    static RotationOptions fromEnvironment(Map<String, String> env) {
        return new RotationOptions(env.getOrDefault(ROLE_VARIABLE, DEFAULT_ROLE_NAME),
                (int) ProbeOptions.number(env, BREAKER_FAILURES_VARIABLE, DEFAULTS.breakerFailures()),
                Duration.ofMinutes(ProbeOptions.number(env, BREAKER_WINDOW_VARIABLE,
                        DEFAULTS.breakerWindow().toMinutes())),
                env.containsKey(DrillableEnvironments.VARIABLE)
                        ? DrillableEnvironments.parse(env.get(DrillableEnvironments.VARIABLE)) : DEFAULTS.drillable());
    }
}
