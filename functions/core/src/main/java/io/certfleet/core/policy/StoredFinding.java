package io.certfleet.core.policy;

import java.time.Instant;
import java.util.Objects;

/** An open finding as the store keeps it: when it was first and last seen. */
public record StoredFinding(PolicyFinding finding, Instant firstSeen, Instant lastSeen) {

    public StoredFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
