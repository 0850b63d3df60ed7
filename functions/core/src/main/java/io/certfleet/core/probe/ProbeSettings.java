package io.certfleet.core.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to probe: which cipher suites count as allowed (to tell allowed from outside suites on the wire), and how long
 * to wait for a connection and for each handshake.
 */
public record ProbeSettings(Set<String> allowedCipherSuites, Duration connectTimeout, Duration handshakeTimeout) {
    public ProbeSettings {
        allowedCipherSuites = Set.copyOf(allowedCipherSuites);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }
}
