package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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

    @Override
    public String requirement(TlsPolicy policy) {
        return "the served certificates are the leaf then its issuers in order, without duplicates or strangers";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        List<X509Certificate> served = context.observation().servedChain();
        if (served.isEmpty()) {
            return ProbeContext.noCertificate();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            lines.add("#" + i + " " + ProbeContext.nameOf(served.get(i)) + ", issued by '"
                    + served.get(i).getIssuerX500Principal().getName() + "'");
        }
        return CheckEvidence.observed(lines);
    }
}
