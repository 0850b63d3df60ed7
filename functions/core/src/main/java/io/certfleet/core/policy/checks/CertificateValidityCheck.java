package io.certfleet.core.policy.checks;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Expired, not yet valid, expiring within the warning window, or issued for longer than the profile allows. */
public final class CertificateValidityCheck implements CertificateCheck {

    @Override
    public String name() {
        return "certificate-validity";
    }

    @Override
    public List<Finding> check(CertificateContext context) {
        CertificateFacts facts = context.facts();
        TlsPolicy policy = context.policy();
        Instant now = context.clock().instant();
        long daysLeft = facts.daysToExpiry(context.clock());
        List<Finding> findings = new ArrayList<>();
        if (now.isAfter(facts.notAfter())) {
            findings.add(finding(policy, FindingCode.EXPIRED, daysLeft, "expired " + facts.notAfter()));
        } else if (now.isBefore(facts.notBefore())) {
            findings.add(finding(policy, FindingCode.NOT_YET_VALID, daysLeft, "valid from " + facts.notBefore()));
        } else if (facts.notAfter().isBefore(now.plus(policy.warningWindow()))) {
            findings.add(finding(policy, FindingCode.EXPIRING_SOON, daysLeft, "expires " + facts.notAfter() + ", in "
                    + daysLeft + " days (window: " + policy.warningWindow().toDays() + " days)"));
        }
        Duration lifetime = Duration.between(facts.notBefore(), facts.notAfter());
        if (lifetime.compareTo(policy.maxValidity()) > 0) {
            findings.add(finding(policy, FindingCode.VALIDITY_TOO_LONG, daysLeft, "valid for " + lifetime.toDays()
                    + " days, at most " + policy.maxValidity().toDays() + " allowed"));
        }
        return findings;
    }

    private static Finding finding(TlsPolicy policy, FindingCode code, long daysLeft, String detail) {
        return new Finding(code, policy.severityOf(code, daysLeft), detail);
    }
}
