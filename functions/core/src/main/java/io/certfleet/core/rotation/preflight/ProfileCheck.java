package io.certfleet.core.rotation.preflight;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.checks.CertificateCheck;
import io.certfleet.core.policy.checks.CertificateContext;
import io.certfleet.core.policy.checks.CertificateKeyCheck;
import io.certfleet.core.policy.checks.CertificateSignatureCheck;
import io.certfleet.core.policy.checks.CertificateValidityCheck;
import java.util.List;
import java.util.Set;

/**
 * The replacement passes the profile's certificate checks (the same named checks the policy engine runs): key type
 * and size, signature, lifetime. Expiry within the warning window is not a reason to refuse it.
 */
public final class ProfileCheck implements PreflightCheck {

    private static final List<CertificateCheck> CHECKS = List.of(new CertificateKeyCheck(),
            new CertificateSignatureCheck(), new CertificateValidityCheck());
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
        return CHECKS.stream().flatMap(check -> check.check(certificate).stream())
                .filter(finding -> REFUSED.contains(finding.code()))
                .map(ProfileCheck::describe)
                .toList();
    }

    private static String describe(Finding finding) {
        return finding.code() + " under profile rules: " + finding.detail();
    }
}
