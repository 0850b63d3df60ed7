package io.certfleet.core.probe.checks;

import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.ChainAnalysis;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** WEAK_KEY: an RSA or EC key of the leaf or a served intermediate shorter than the policy allows; DSA always. */
public final class KeyStrengthCheck implements EndpointCheck {

    @Override
    public String name() {
        return "key-strength";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        List<String> weak = new ArrayList<>();
        for (X509Certificate certificate : context.servedPath()) {
            if (ChainAnalysis.signedBy(certificate, certificate) && certificate != context.leaf().orElse(null)) {
                continue; // a root's key is the trust store's business
            }
            PublicKey key = certificate.getPublicKey();
            String algorithm = X509Facts.keyAlgorithm(key);
            int size = X509Facts.keySize(key);
            int minimum = switch (algorithm) {
                case "RSA" -> context.policy().minRsaBits();
                case "EC" -> context.policy().minEcBits();
                case "DSA" -> Integer.MAX_VALUE;
                default -> 0;
            };
            if (size < minimum) {
                weak.add("'" + certificate.getSubjectX500Principal().getName() + "' has " + algorithm + "-" + size
                        + (minimum == Integer.MAX_VALUE ? " (DSA is not allowed)" : " (minimum " + minimum + ")"));
            }
        }
        return weak.isEmpty() ? List.of() : List.of(context.finding(FindingCode.WEAK_KEY, String.join("; ", weak)));
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the leaf and served intermediates have RSA keys of at least " + policy.minRsaBits()
                + " bits or EC keys of at least " + policy.minEcBits() + " bits (never DSA)";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        List<String> lines = new ArrayList<>();
        for (X509Certificate certificate : context.servedPath()) {
            if (ChainAnalysis.signedBy(certificate, certificate) && certificate != context.leaf().orElse(null)) {
                continue;
            }
            PublicKey key = certificate.getPublicKey();
            lines.add(ProbeContext.nameOf(certificate) + ": " + X509Facts.keyAlgorithm(key) + "-"
                    + X509Facts.keySize(key));
        }
        return lines.isEmpty() ? ProbeContext.noCertificate() : CheckEvidence.observed(lines);
    }
}
