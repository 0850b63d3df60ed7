package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.TlsPolicy;
import java.util.ArrayList;
import java.util.List;

/** The binding's security policy is one the profile allows, and one certfleet can expand. */
public final class SecurityPolicyAllowedCheck implements BindingCheck {

    @Override
    public String name() {
        return "security-policy-allowed";
    }

    @Override
    public Side side() {
        return Side.CONFIGURATION;
    }

    @Override
    public List<Finding> check(BindingContext context) {
        if (context.securityPolicyName().isEmpty()) {
            return List.of();
        }
        String name = context.securityPolicyName().get();
        TlsPolicy policy = context.policy();
        List<Finding> findings = new ArrayList<>();
        if (!policy.allowsSecurityPolicy(name)) {
            findings.add(new Finding(FindingCode.SECURITY_POLICY_NOT_ALLOWED, policy.severityOf(
                    FindingCode.SECURITY_POLICY_NOT_ALLOWED, Long.MAX_VALUE), name + " (allowed: "
                    + String.join(", ", policy.allowedSecurityPolicies()) + ")"));
        }
        if (context.configured().isEmpty()) {
            findings.add(new Finding(FindingCode.UNKNOWN_SECURITY_POLICY, policy.severityOf(
                    FindingCode.UNKNOWN_SECURITY_POLICY, Long.MAX_VALUE), name + " is not a policy the service "
                    + "describes or certfleet knows"));
        }
        return findings;
    }
}
