package io.certfleet.core.probe.checks;

import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.util.List;
import java.util.Locale;

/** WRONG_CERTIFICATE: the served leaf's SHA-256 differs from the one expected here (a rotation's canary). */
public final class ExpectedCertificateCheck implements EndpointCheck {

    @Override
    public String name() {
        return "expected-certificate";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        if (context.expectedSha256().isEmpty() || context.leaf().isEmpty()) {
            return List.of();
        }
        String expected = context.expectedSha256().get().toLowerCase(Locale.ROOT).replace(":", "");
        String served;
        try {
            served = X509Facts.sha256(context.leaf().get());
        } catch (MalformedCertificateException e) {
            served = "(unreadable)";
        }
        return served.equals(expected) ? List.of() : List.of(context.finding(FindingCode.WRONG_CERTIFICATE,
                "served " + served + ", expected " + expected));
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the served leaf is the certificate expected at this endpoint (by SHA-256)";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        if (context.leaf().isEmpty()) {
            return ProbeContext.noCertificate();
        }
        if (context.expectedSha256().isEmpty()) {
            return CheckEvidence.notApplicable("no certificate is expected here (an inventory endpoint, a rotation's "
                    + "canary or --expect-sha256 names one)");
        }
        String served;
        try {
            served = X509Facts.sha256(context.leaf().get());
        } catch (MalformedCertificateException e) {
            served = "(unreadable)";
        }
        return CheckEvidence.observed("served SHA-256 " + served + "; expected "
                + context.expectedSha256().get().toLowerCase(Locale.ROOT).replace(":", ""));
    }
}
