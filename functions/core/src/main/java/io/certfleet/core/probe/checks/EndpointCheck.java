package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import java.util.List;

/** One small, named check of an endpoint; findings are reported all at once, so checks never stop each other. */
public interface EndpointCheck {

    String name();

    List<Finding> check(ProbeContext context);
}
