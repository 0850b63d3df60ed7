package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
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
}
