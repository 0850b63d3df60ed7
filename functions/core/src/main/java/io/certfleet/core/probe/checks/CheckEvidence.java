package io.certfleet.core.probe.checks;

import java.util.List;
import java.util.Objects;

/**
 * What a check looked at, shown beside its verdict (a conformance report shows evidence for passing checks too).
 *
 * @param applies  false when the check had nothing to judge (no SNI sent, no fingerprint expected, no TLS at all)
 * @param observed the facts the verdict rests on, one per line; when it does not apply, why not
 */
public record CheckEvidence(boolean applies, List<String> observed) {

    public CheckEvidence {
        observed = List.copyOf(observed);
        if (observed.isEmpty()) {
            throw new IllegalArgumentException("evidence names at least one observation");
        }
        observed.forEach(line -> Objects.requireNonNull(line, "observation"));
    }

    public static CheckEvidence observed(List<String> lines) {
        return new CheckEvidence(true, lines);
    }

    public static CheckEvidence observed(String line) {
        return new CheckEvidence(true, List.of(line));
    }

    public static CheckEvidence notApplicable(String why) {
        return new CheckEvidence(false, List.of(why));
    }
}
