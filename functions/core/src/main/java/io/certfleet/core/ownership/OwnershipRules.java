package io.certfleet.core.ownership;

import java.util.List;
import java.util.Objects;

/**
 * Which tag keys name an owner and an environment (first match wins, keys compared case-insensitively), and the
 * values used when no tag says.
 */
public record OwnershipRules(List<String> ownerTagKeys, List<String> environmentTagKeys, String defaultOwner,
                             String defaultEnvironment) {

    public static final OwnershipRules DEFAULTS = new OwnershipRules(
            List.of("owner", "team", "certfleet:owner"), List.of("environment", "env", "certfleet:environment"),
            "unowned", "public-web");

    public OwnershipRules {
        ownerTagKeys = List.copyOf(ownerTagKeys);
        environmentTagKeys = List.copyOf(environmentTagKeys);
        Objects.requireNonNull(defaultOwner, "defaultOwner");
        Objects.requireNonNull(defaultEnvironment, "defaultEnvironment");
        if (ownerTagKeys.isEmpty() || environmentTagKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one owner and one environment tag key are needed");
        }
    }
}
