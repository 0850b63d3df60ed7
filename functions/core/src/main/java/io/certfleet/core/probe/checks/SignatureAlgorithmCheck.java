package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.ChainAnalysis;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** WEAK_SIGNATURE: the leaf or a served intermediate signed with a hash the policy rejects (a root's is moot). */
public final class SignatureAlgorithmCheck implements EndpointCheck {

    @Override
    public String name() {
        return "signature-algorithm";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        List<String> weak = new ArrayList<>();
        for (X509Certificate certificate : context.servedPath()) {
            boolean root = ChainAnalysis.signedBy(certificate, certificate);
            if (!root && context.policy().isWeakSignature(certificate.getSigAlgName())) {
                weak.add("'" + certificate.getSubjectX500Principal().getName() + "' is signed with "
                        + certificate.getSigAlgName());
            }
        }
        return weak.isEmpty() ? List.of()
                : List.of(context.finding(FindingCode.WEAK_SIGNATURE, String.join("; ", weak)));
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "no served certificate other than a root is signed with a weak hash ("
                + String.join(", ", policy.weakSignatureHashes().stream().sorted().toList()) + ")";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        List<String> lines = context.servedPath().stream()
                .filter(certificate -> !ChainAnalysis.signedBy(certificate, certificate)
                        || certificate == context.leaf().orElse(null))
                .map(certificate -> ProbeContext.nameOf(certificate) + ": " + certificate.getSigAlgName()).toList();
        return lines.isEmpty() ? ProbeContext.noCertificate() : CheckEvidence.observed(lines);
    }
}
