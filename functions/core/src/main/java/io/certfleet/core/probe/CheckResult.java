package io.certfleet.core.probe;

import io.certfleet.core.finding.Finding;
import java.util.List;
import java.util.Objects;

/**
 * One named check's verdict on an endpoint: what it requires, what it found, and what it saw.
 *
 * @param applies  false when the check had nothing to judge (then it neither passes nor fails)
 * @param evidence the observations the verdict rests on (for a check that does not apply: why not)
 */
public record CheckResult(String name, String requirement, boolean applies, List<Finding> findings,
                          List<String> evidence) {

    /** How a check came out. */
    public enum Outcome { PASS, FAIL, NOT_APPLICABLE }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requirement, "requirement");
        findings = List.copyOf(findings);
        evidence = List.copyOf(evidence);
    }

    public Outcome outcome() {
        if (!findings.isEmpty()) {
            return Outcome.FAIL;
        }
        return applies ? Outcome.PASS : Outcome.NOT_APPLICABLE;
    }
}
