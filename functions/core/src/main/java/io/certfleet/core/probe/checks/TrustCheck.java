package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.probe.ChainAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, told apart: a self-signed leaf; a path that ends at a root (or an
 * unknown issuer) that is not trusted; an issuer needed for the path that the server did not send.
 */
public final class TrustCheck implements EndpointCheck {

    @Override
    public String name() {
        return "trust";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        ChainAnalysis chain = context.chain();
        List<Finding> findings = new ArrayList<>();
        String top = chain.path().isEmpty() ? "" : chain.path().getLast().getSubjectX500Principal().getName();
        switch (chain.trust()) {
            case SELF_SIGNED -> findings.add(context.finding(FindingCode.SELF_SIGNED,
                    "'" + top + "' signs itself and is not a trusted root"));
            case UNTRUSTED_ROOT -> findings.add(context.finding(FindingCode.UNTRUSTED_ROOT,
                    "the chain ends at '" + top + "', " + (chain.path().size() > 1 && selfSigned(chain)
                            ? "a root that is not trusted" : "whose issuer is not trusted")));
            default -> { }
        }
        if (chain.issuerNotServed()) {
            findings.add(context.finding(FindingCode.INCOMPLETE_CHAIN, "the server did not send "
                    + chain.path().stream().filter(c -> !context.observation().servedChain().contains(c))
                            .filter(c -> !ChainAnalysis.signedBy(c, c))
                            .map(c -> "'" + c.getSubjectX500Principal().getName() + "'").toList()));
        }
        return findings;
    }

    private static boolean selfSigned(ChainAnalysis chain) {
        return ChainAnalysis.signedBy(chain.path().getLast(), chain.path().getLast());
    }
}
