package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.TlsPolicy;
import java.util.List;

/**
 * One small, named check of an endpoint; findings are reported all at once, so checks never stop each other. Each
 * check also says what it requires and what it saw, so that a conformance report can show a pass with its evidence.
 */
public interface EndpointCheck {

    String name();

    /** What the check requires of an endpoint under {@code policy}, in one sentence. */
    String requirement(TlsPolicy policy);

    List<Finding> check(ProbeContext context);

    /** What was observed that the verdict rests on, whether it passed or failed. */
    CheckEvidence evidence(ProbeContext context);
}
