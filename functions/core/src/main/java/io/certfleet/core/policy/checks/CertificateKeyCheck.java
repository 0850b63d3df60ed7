package io.certfleet.core.policy.checks;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A key type the profile allows, and at least its minimum size. */
public final class CertificateKeyCheck implements CertificateCheck {

    @Override
    public String name() {
        return "certificate-key";
    }

    @Override
    public List<Finding> check(CertificateContext context) {
        CertificateFacts facts = context.facts();
        TlsPolicy policy = context.policy();
        String type = keyType(facts.keyAlgorithm());
        List<Finding> findings = new ArrayList<>();
        if (!policy.allowedKeyTypes().contains(type)) {
            findings.add(new Finding(FindingCode.KEY_TYPE_NOT_ALLOWED, policy.severityOf(FindingCode.KEY_TYPE_NOT_ALLOWED,
                    Long.MAX_VALUE), facts.keyDescription() + " (allowed: " + String.join(", ",
                    policy.allowedKeyTypes().stream().sorted().toList()) + ")"));
        }
        int minimum = switch (type) {
            case "RSA" -> policy.minRsaBits();
            case "EC" -> policy.minEcBits();
            default -> 0;
        };
        if (facts.keySize() < minimum) {
            findings.add(new Finding(FindingCode.WEAK_KEY, policy.severityOf(FindingCode.WEAK_KEY, Long.MAX_VALUE),
                    facts.keyDescription() + " (at least " + minimum + " bits)"));
        }
        return findings;
    }

    /** {@code RSA}, {@code EC} (also for ECDSA), {@code Ed25519}. */
    static String keyType(String keyAlgorithm) {
        String upper = keyAlgorithm.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EC")) {
            return "EC";
        }
        if (upper.equals("ED25519") || upper.equals("EDDSA")) {
            return "Ed25519";
        }
        return upper;
    }
}
