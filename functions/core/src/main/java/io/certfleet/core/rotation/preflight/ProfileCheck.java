package io.certfleet.core.rotation.preflight;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.checks.CertificateChecks;
import io.certfleet.core.policy.checks.CertificateContext;
import java.util.List;
import java.util.Set;

/**
 * The replacement passes the profile's certificate checks (the same named checks the policy engine runs): key type
 * and size, signature, lifetime. Expiry within the warning window is not a reason to refuse it.
 */
public final class ProfileCheck implements PreflightCheck {

    private static final Set<FindingCode> REFUSED = Set.of(FindingCode.WEAK_KEY, FindingCode.KEY_TYPE_NOT_ALLOWED,
            FindingCode.WEAK_SIGNATURE, FindingCode.SIGNATURE_NOT_ALLOWED, FindingCode.VALIDITY_TOO_LONG);

    @Override
    public String name() {
        return "passes-profile";
    }

    @Override
    public List<String> problems(PreflightContext context) {
        CertificateContext certificate = new CertificateContext(context.replacement().facts(), context.policy(),
                context.clock());
        return CertificateChecks.judge(certificate).stream()
                .filter(finding -> REFUSED.contains(finding.code()))
                .map(ProfileCheck::describe)
                .toList();
    }

    private static String describe(Finding finding) {
        return finding.code() + " under profile rules: " + finding.detail();
    }
}
