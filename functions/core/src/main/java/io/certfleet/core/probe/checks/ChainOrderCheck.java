package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import java.util.List;

/** CHAIN_ORDER: served certificates out of order, duplicated, or unrelated to the leaf's chain. */
public final class ChainOrderCheck implements EndpointCheck {

    @Override
    public String name() {
        return "chain-order";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        List<String> problems = context.chain().orderProblems();
        return problems.isEmpty() ? List.of()
                : List.of(context.finding(FindingCode.CHAIN_ORDER, String.join("; ", problems)));
    }
}
