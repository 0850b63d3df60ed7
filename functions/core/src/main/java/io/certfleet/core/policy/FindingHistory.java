package io.certfleet.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A finding as its history reads: first and last seen, and when it was resolved if it was. */
public record FindingHistory(PolicyFinding finding, Instant firstSeen, Instant lastSeen, Optional<Instant> resolvedAt) {

    public FindingHistory {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    public boolean open() {
        return resolvedAt.isEmpty();
    }
}
