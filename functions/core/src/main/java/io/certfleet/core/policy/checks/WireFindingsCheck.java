package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.Side;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.util.List;

/** What the endpoint's latest probe found on the wire, judged under the same profile when it was probed. */
public final class WireFindingsCheck implements BindingCheck {

    @Override
    public String name() {
        return "wire";
    }

    @Override
    public Side side() {
        return Side.WIRE;
    }

    @Override
    public List<Finding> check(BindingContext context) {
        return context.probe().filter(BindingProbe::probed).map(BindingProbe::findings).orElse(List.of());
    }
}
