package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.ChainAnalysis;
import io.certfleet.core.probe.KeyIdentifiers;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, told apart as OpenSSL and testssl.sh tell them: a self-signed leaf;
 * a path that reaches a self-signed certificate (served, or found) that is not trusted; a path that needs an issuer
 * the server did not send, whether found elsewhere (known intermediates, AIA: the detail says whether it then reaches
 * a trusted root) or nowhere (the detail names the missing issuer by subject and key identifier).
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
        List<String> missing = new ArrayList<>();
        if (chain.issuerNotServed()) {
            List<String> found = chain.path().stream()
                    .filter(c -> !context.observation().servedChain().contains(c))
                    .filter(c -> !ChainAnalysis.signedBy(c, c))
                    .map(c -> "'" + c.getSubjectX500Principal().getName() + "'").toList();
            missing.add(String.join(", ", found) + " (found among the known intermediates or through AIA; with it the"
                    + " chain " + (chain.trust() == ChainAnalysis.Trust.TRUSTED ? "reaches a trusted root"
                    : "still reaches no trusted root") + ")");
        }
        if (chain.trust() == ChainAnalysis.Trust.ISSUER_NOT_FOUND) {
            X509Certificate last = chain.path().getLast();
            missing.add("the issuer of '" + last.getSubjectX500Principal().getName() + "': '"
                    + last.getIssuerX500Principal().getName() + "'"
                    + KeyIdentifiers.authorityKeyIdentifier(last).map(id -> " (key identifier " + id + ")").orElse("")
                    + ", found neither among the trusted roots and known intermediates nor through AIA");
        }
        if (!missing.isEmpty()) {
            findings.add(context.finding(FindingCode.INCOMPLETE_CHAIN, "the server did not send "
                    + String.join("; nor ", missing)));
        }
        return findings;
    }

    private static boolean selfSigned(ChainAnalysis chain) {
        return ChainAnalysis.signedBy(chain.path().getLast(), chain.path().getLast());
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the served chain reaches a trusted root, and the server sends every intermediate it needs";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        ChainAnalysis chain = context.chain();
        if (chain.path().isEmpty()) {
            return ProbeContext.noCertificate();
        }
        List<String> lines = new ArrayList<>();
        for (X509Certificate certificate : chain.path()) {
            boolean served = context.observation().servedChain().contains(certificate);
            boolean self = ChainAnalysis.signedBy(certificate, certificate);
            lines.add(ProbeContext.nameOf(certificate) + (served ? " served" : self ? " from the trust store"
                    : " not served (found among the known intermediates or through AIA)"));
        }
        lines.add(switch (chain.trust()) {
            case TRUSTED -> "the path ends at a trusted root";
            case SELF_SIGNED -> "the leaf signs itself";
            case UNTRUSTED_ROOT -> "the path ends at a root that is not trusted";
            case ISSUER_NOT_FOUND -> "the path ends where no issuer was found";
            case NO_CHAIN -> "nothing was served";
        });
        return CheckEvidence.observed(lines);
    }
}
