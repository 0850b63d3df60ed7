package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.Side;
import java.util.List;

/** One named rule about an endpoint binding, on one side. */
public interface BindingCheck {

    String name();

    Side side();

    List<Finding> check(BindingContext context);
}
