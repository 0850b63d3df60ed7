package io.certfleet.core.probe;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the server said to one TLS version.
 *
 * @param allowedCipher  a suite of the policy the server chose when offered only those (empty: it chose none)
 * @param outsideCiphers suites outside the policy the server accepted when offered only those
 * @param acceptedSuites when every suite was enumerated ({@link ProbeSettings#enumerateSuites()}): every suite the
 *                       server accepts with this version, in the order it chose them (its preference); else empty
 */
public record VersionSupport(boolean accepted, Optional<String> allowedCipher, List<String> outsideCiphers,
                             List<String> acceptedSuites) {

    public static final VersionSupport REJECTED = new VersionSupport(false, Optional.empty(), List.of());

    public VersionSupport {
        outsideCiphers = List.copyOf(outsideCiphers);
        acceptedSuites = List.copyOf(acceptedSuites);
    }

    public VersionSupport(boolean accepted, Optional<String> allowedCipher, List<String> outsideCiphers) {
        this(accepted, allowedCipher, outsideCiphers, List.of());
    }

    /** Every accepted suite, in the server's order of choice, judged against the suites a policy allows. */
    public static VersionSupport enumerated(List<String> acceptedInServerOrder, Set<String> allowed) {
        if (acceptedInServerOrder.isEmpty()) {
            return REJECTED;
        }
        return new VersionSupport(true, acceptedInServerOrder.stream().filter(allowed::contains).findFirst(),
                acceptedInServerOrder.stream().filter(suite -> !allowed.contains(suite)).toList(),
                acceptedInServerOrder);
    }

    /** Whether every accepted suite is known ({@link #acceptedSuites}). */
    public boolean enumerated() {
        return !acceptedSuites.isEmpty();
    }

    /**
     * The same answers judged against another policy's suites: possible when the suites were enumerated (the first
     * allowed one in the server's order is the one it picks when offered only allowed ones); else unchanged.
     */
    public VersionSupport under(Set<String> allowed) {
        return enumerated() ? enumerated(acceptedSuites, allowed) : this;
    }

    /** The suites known to be accepted: all of them when enumerated, else the allowed one found and the outside ones. */
    public List<String> knownSuites() {
        if (enumerated()) {
            return acceptedSuites;
        }
        List<String> known = new java.util.ArrayList<>(allowedCipher.stream().toList());
        known.addAll(outsideCiphers);
        return List.copyOf(known);
    }
}
