package io.certfleet.wiring;

import io.certfleet.adapters.tls.ConnectTo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the deployed prober works: per-connection timeout, endpoints at once, whether it can reach internal load
 * balancers (it runs inside their VPC), an optional policy file replacing the built-in profiles, where to connect
 * instead of DNS's answer (curl's {@code --connect-to}), and PEM files of private CAs trusted besides the JDK's roots.
 */
public record ProbeOptions(Duration timeout, int concurrency, boolean reachesInternalEndpoints,
                           Optional<String> policyFile, List<ConnectTo> connectTo, List<String> caFiles) {

    public static final String TIMEOUT_VARIABLE = "CERTFLEET_PROBE_TIMEOUT_MS";
    public static final String CONCURRENCY_VARIABLE = "CERTFLEET_PROBE_CONCURRENCY";
    public static final String INTERNAL_VARIABLE = "CERTFLEET_PROBE_INTERNAL";
    public static final String POLICY_FILE_VARIABLE = "CERTFLEET_POLICY_FILE";
    /** {@code HOST:PORT:HOST2:PORT2} rules, separated by commas or spaces. */
    public static final String CONNECT_TO_VARIABLE = "CERTFLEET_CONNECT_TO";
    /** PEM files (private CAs' roots and intermediates) trusted besides the JDK's roots, separated by commas. */
    public static final String CA_FILES_VARIABLE = "CERTFLEET_PROBE_CA_FILES";
    public static final ProbeOptions DEFAULTS = new ProbeOptions(Duration.ofSeconds(5), 32, false, Optional.empty());

    public ProbeOptions(Duration timeout, int concurrency, boolean reachesInternalEndpoints,
                        Optional<String> policyFile) {
        this(timeout, concurrency, reachesInternalEndpoints, policyFile, List.of(), List.of());
    }

    public ProbeOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_VARIABLE + " must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(CONCURRENCY_VARIABLE + " must be at least 1, got " + concurrency);
        }
        Objects.requireNonNull(policyFile, "policyFile");
        connectTo = List.copyOf(connectTo);
        caFiles = List.copyOf(caFiles);
    }

    public ProbeOptions withConnectTo(List<ConnectTo> rules) {
        return new ProbeOptions(timeout, concurrency, reachesInternalEndpoints, policyFile, rules, caFiles);
    }

    public ProbeOptions withCaFiles(List<String> files) {
        return new ProbeOptions(timeout, concurrency, reachesInternalEndpoints, policyFile, connectTo, files);
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
                Optional.ofNullable(env.get(POLICY_FILE_VARIABLE)).map(String::strip).filter(s -> !s.isEmpty()),
                connectTo(env.getOrDefault(CONNECT_TO_VARIABLE, "")),
                Arrays.stream(env.getOrDefault(CA_FILES_VARIABLE, "").split(",")).map(String::strip)
                        .filter(file -> !file.isEmpty()).toList());
    }

    private static List<ConnectTo> connectTo(String value) {
        try {
            return ConnectTo.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONNECT_TO_VARIABLE + ": " + e.getMessage());
        }
    }

    /** A whole number from the environment, {@code fallback} when unset; else an error naming the variable. */
    static long number(Map<String, String> env, String variable, long fallback) {
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
