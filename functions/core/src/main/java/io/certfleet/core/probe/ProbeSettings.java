package io.certfleet.core.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to probe: which cipher suites count as allowed (to tell allowed from outside suites on the wire), how long to
 * wait for a connection and for each handshake, and whether to enumerate every accepted suite of each version (a
 * conformance report lists them; a fleet probe needs only one allowed suite and the outside ones).
 */
public record ProbeSettings(Set<String> allowedCipherSuites, Duration connectTimeout, Duration handshakeTimeout,
                            boolean enumerateSuites) {
    public ProbeSettings {
        allowedCipherSuites = Set.copyOf(allowedCipherSuites);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    public ProbeSettings(Set<String> allowedCipherSuites, Duration connectTimeout, Duration handshakeTimeout) {
        this(allowedCipherSuites, connectTimeout, handshakeTimeout, false);
    }
}
