package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import java.util.List;

/**
 * The profile's certificate checks, in order: the policy engine runs them on stored certificates, rotation's
 * preflight on a replacement, the conformance report on a served leaf.
 */
public final class CertificateChecks {

    public static final List<CertificateCheck> ALL = List.of(new CertificateValidityCheck(),
            new CertificateKeyCheck(), new CertificateSignatureCheck());

    private CertificateChecks() {
    }

    /** Every check's findings about one certificate, in check order. */
    public static List<Finding> judge(CertificateContext context) {
        return ALL.stream().flatMap(check -> check.check(context).stream()).toList();
    }
}
