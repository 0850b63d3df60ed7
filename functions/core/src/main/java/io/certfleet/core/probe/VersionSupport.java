package io.certfleet.core.probe;

import java.util.List;
import java.util.Optional;

/**
 * What the server said to one TLS version.
 *
 * @param allowedCipher  a suite of the policy the server chose when offered only those (empty: it chose none)
 * @param outsideCiphers suites outside the policy the server accepted when offered only those
 */
public record VersionSupport(boolean accepted, Optional<String> allowedCipher, List<String> outsideCiphers) {

    public static final VersionSupport REJECTED = new VersionSupport(false, Optional.empty(), List.of());

    public VersionSupport {
        outsideCiphers = List.copyOf(outsideCiphers);
    }
}
