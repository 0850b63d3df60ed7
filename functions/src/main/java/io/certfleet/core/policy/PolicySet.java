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
 */
public record PolicySet(int version, String defaultProfile, Map<String, TlsPolicy> profiles) {

    public PolicySet {
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        if (!profiles.containsKey(defaultProfile)) {
            throw new IllegalArgumentException("default profile '" + defaultProfile + "' is not among the profiles "
                    + profiles.keySet());
        }
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
}
