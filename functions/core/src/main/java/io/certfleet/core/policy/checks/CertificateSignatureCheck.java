package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.util.List;

/** Not signed with a weak hash, and with an algorithm the profile allows. */
public final class CertificateSignatureCheck implements CertificateCheck {

    @Override
    public String name() {
        return "certificate-signature";
    }

    @Override
    public List<Finding> check(CertificateContext context) {
        String algorithm = context.facts().signatureAlgorithm();
        TlsPolicy policy = context.policy();
        if (policy.isWeakSignature(algorithm)) {
            return List.of(new Finding(FindingCode.WEAK_SIGNATURE, policy.severityOf(FindingCode.WEAK_SIGNATURE,
                    Long.MAX_VALUE), "signed with " + algorithm));
        }
        if (!policy.allowsSignature(algorithm)) {
            return List.of(new Finding(FindingCode.SIGNATURE_NOT_ALLOWED, policy.severityOf(
                    FindingCode.SIGNATURE_NOT_ALLOWED, Long.MAX_VALUE), "signed with " + algorithm + " (allowed: "
                    + String.join(", ", policy.allowedSignatureAlgorithms()) + ")"));
        }
        return List.of();
    }
}
