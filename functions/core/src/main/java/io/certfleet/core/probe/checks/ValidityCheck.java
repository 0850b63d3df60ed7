package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** EXPIRED / NOT_YET_VALID: the leaf or any served certificate of its path outside its validity. */
public final class ValidityCheck implements EndpointCheck {

    @Override
    public String name() {
        return "validity";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        Instant now = context.clock().instant();
        List<Finding> findings = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> notYetValid = new ArrayList<>();
        for (X509Certificate certificate : context.servedPath()) {
            String name = certificate.getSubjectX500Principal().getName();
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                expired.add("'" + name + "' expired " + certificate.getNotAfter().toInstant());
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                notYetValid.add("'" + name + "' is valid from " + certificate.getNotBefore().toInstant());
            }
        }
        if (!expired.isEmpty()) {
            findings.add(context.finding(FindingCode.EXPIRED, String.join("; ", expired)));
        }
        if (!notYetValid.isEmpty()) {
            findings.add(context.finding(FindingCode.NOT_YET_VALID, String.join("; ", notYetValid)));
        }
        return findings;
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the leaf and every served certificate of its path are within their validity period";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        if (context.servedPath().isEmpty()) {
            return ProbeContext.noCertificate();
        }
        return CheckEvidence.observed(context.servedPath().stream().map(certificate -> ProbeContext.nameOf(certificate)
                + " valid from " + certificate.getNotBefore().toInstant() + " to "
                + certificate.getNotAfter().toInstant()).toList());
    }
}
