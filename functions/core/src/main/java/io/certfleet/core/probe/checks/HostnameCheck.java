package io.certfleet.core.probe.checks;

import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.HostnameMatcher;
import io.certfleet.core.probe.ProbeTarget;
import java.util.List;

/** HOSTNAME_MISMATCH: the leaf's subjectAltNames do not cover the SNI name (else the target host), RFC 6125. */
public final class HostnameCheck implements EndpointCheck {

    @Override
    public String name() {
        return "hostname";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        ProbeTarget target = context.observation().target();
        String name = target.nameToVerify();
        boolean ip = target.sni().isEmpty() && target.hostIsIpLiteral();
        return context.leaf()
                .filter(leaf -> !HostnameMatcher.covers(leaf, name, ip))
                .map(leaf -> List.of(context.finding(FindingCode.HOSTNAME_MISMATCH,
                        "'" + name + "' is not among the certificate's " + (ip ? "IP addresses" : "DNS names"))))
                .orElse(List.of());
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the leaf's subjectAltNames cover the name the client asked for (RFC 6125)";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        if (context.leaf().isEmpty()) {
            return ProbeContext.noCertificate();
        }
        String names;
        try {
            List<String> sans = X509Facts.subjectAlternativeNames(context.leaf().get());
            names = sans.isEmpty() ? "no subjectAltName" : String.join(", ", sans);
        } catch (MalformedCertificateException e) {
            names = "an unreadable subjectAltName (" + e.getMessage() + ")";
        }
        ProbeTarget target = context.observation().target();
        return CheckEvidence.observed(List.of("asked for '" + target.nameToVerify() + "'"
                + (target.effectiveSni().isPresent() ? " (sent as SNI)" : " (no SNI sent)"),
                "the leaf names " + names));
    }
}
