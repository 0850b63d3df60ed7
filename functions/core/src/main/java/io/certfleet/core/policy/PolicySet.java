package io.certfleet.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS policies of one policy file: a profile per environment, and the one that applies when nothing says which.
 *
 * @param version        the file format's version
 * @param defaultProfile the name of the profile that applies by default; one of {@code profiles}
 * @param environments   {@code environment} tag values mapped to profile names (a tag value that names a profile
 *                       needs no entry)
 */
public record PolicySet(int version, String defaultProfile, Map<String, TlsPolicy> profiles,
                        Map<String, String> environments) {

    public PolicySet {
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        if (!profiles.containsKey(defaultProfile)) {
            throw new IllegalArgumentException("default profile '" + defaultProfile + "' is not among the profiles "
                    + profiles.keySet());
        }
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        for (Map.Entry<String, String> entry : environments.entrySet()) {
            if (!profiles.containsKey(entry.getValue())) {
                throw new IllegalArgumentException("environment '" + entry.getKey() + "' maps to profile '"
                        + entry.getValue() + "', which is not among the profiles " + profiles.keySet());
            }
        }
    }

    public PolicySet(int version, String defaultProfile, Map<String, TlsPolicy> profiles) {
        this(version, defaultProfile, profiles, Map.of());
    }

    /** certfleet's own profiles: public-web (the default), internal-api, partner, iot. */
    public static PolicySet builtIn() {
        Map<String, TlsPolicy> profiles = new LinkedHashMap<>();
        TlsPolicy.BUILT_IN.forEach(policy -> profiles.put(policy.name(), policy));
        return new PolicySet(1, TlsPolicy.PUBLIC_WEB.name(), profiles);
    }

    public TlsPolicy defaultPolicy() {
        return profiles.get(defaultProfile);
    }

    public Optional<TlsPolicy> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /**
     * The profile that applies to a certificate or endpoint with this {@code environment} tag: the mapped profile,
     * else the profile of that name, else the default (also for an untagged resource, {@code null}).
     */
    public TlsPolicy forEnvironment(String environment) {
        if (environment == null) {
            return defaultPolicy();
        }
        String mapped = environments.get(environment);
        if (mapped != null) {
            return profiles.get(mapped);
        }
        return profiles.getOrDefault(environment, defaultPolicy());
    }

    /** The earliest expiry alert threshold of any profile: certificates expiring later need no evaluation. */
    public int earliestAlertThreshold() {
        return profiles.values().stream().mapToInt(policy -> policy.expiryThresholds().first()).max().orElseThrow();
    }
}
