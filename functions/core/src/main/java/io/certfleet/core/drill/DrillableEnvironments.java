package io.certfleet.core.drill;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The environments (the {@code environment} tag's values) whose endpoints may be drilled: a drill breaks an endpoint
 * for as long as its canary takes, so only where that is agreed. Compared without letter case.
 */
public record DrillableEnvironments(Set<String> names) {

    /** The setting's name where certfleet reads it (the CLI's and the functions' environment). */
    public static final String VARIABLE = "CERTFLEET_DRILLABLE_ENVIRONMENTS";
    public static final DrillableEnvironments DEFAULT = parse("staging");

    public DrillableEnvironments {
        names = Set.copyOf(names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).collect(Collectors.toSet()));
    }

    /** A comma-separated list ({@code staging,qa}); empty: no environment may be drilled. */
    public static DrillableEnvironments parse(String list) {
        return new DrillableEnvironments(Arrays.stream(list == null ? new String[0] : list.split(","))
                .collect(Collectors.toSet()));
    }

    /** Why a certificate of {@code environment} may not be drilled; empty when it may. */
    public Optional<String> refusal(String environment) {
        if (environment != null && names.contains(environment.strip().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String allowed = names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
        return Optional.of("drills run only on endpoints of a drillable environment (" + VARIABLE + ": " + allowed
                + "), and this certificate's environment is " + (environment == null ? "not set (no environment tag)"
                : "'" + environment + "'"));
    }
}
