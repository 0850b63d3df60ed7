package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.TlsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The suites the security policy enables (when the service lists them: ELB): none outside the profile, at least
 * one inside it.
 */
public final class ConfiguredCipherCheck implements BindingCheck {

    @Override
    public String name() {
        return "configured-cipher-suites";
    }

    @Override
    public Side side() {
        return Side.CONFIGURATION;
    }

    @Override
    public List<Finding> check(BindingContext context) {
        if (context.configured().flatMap(SecurityPolicy::cipherSuites).isEmpty()) {
            return List.of();
        }
        SecurityPolicy configured = context.configured().get();
        Set<String> suites = configured.cipherSuites().get();
        TlsPolicy policy = context.policy();
        List<Finding> findings = new ArrayList<>();
        List<String> outside = suites.stream().filter(suite -> !policy.allowsCipher(suite)).toList();
        if (!outside.isEmpty()) {
            findings.add(new Finding(FindingCode.WEAK_CIPHER_ENABLED, policy.severityOf(
                    FindingCode.WEAK_CIPHER_ENABLED, Long.MAX_VALUE), configured.name() + " enables "
                    + String.join(", ", outside)));
        }
        if (suites.stream().noneMatch(policy::allowsCipher)) {
            findings.add(new Finding(FindingCode.CIPHER_MISMATCH, policy.severityOf(FindingCode.CIPHER_MISMATCH,
                    Long.MAX_VALUE), configured.name() + " enables no suite the profile allows"));
        }
        return findings;
    }
}
