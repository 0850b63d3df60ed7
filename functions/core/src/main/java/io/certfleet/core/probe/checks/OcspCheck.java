package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.OcspStaple;
import java.util.ArrayList;
import java.util.List;

/** REVOKED by the stapled OCSP response; OCSP_STAPLE_MISSING when the policy asks for a staple. */
public final class OcspCheck implements EndpointCheck {

    @Override
    public String name() {
        return "ocsp";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        List<Finding> findings = new ArrayList<>();
        OcspStaple staple = context.observation().ocsp();
        if (staple == OcspStaple.REVOKED) {
            findings.add(context.finding(FindingCode.REVOKED, "the stapled OCSP response says revoked"));
        }
        boolean stapled = staple == OcspStaple.GOOD || staple == OcspStaple.REVOKED || staple == OcspStaple.UNKNOWN;
        if (context.policy().requireOcspStaple() && !stapled && context.leaf().isPresent()) {
            findings.add(context.finding(FindingCode.OCSP_STAPLE_MISSING, staple == OcspStaple.UNREADABLE
                    ? "the stapled response cannot be read" : "no OCSP response was stapled"));
        }
        return findings;
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return policy.requireOcspStaple() ? "a readable OCSP response that does not say revoked is stapled"
                : "a stapled OCSP response, if any, does not say revoked (stapling not required)";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        if (context.leaf().isEmpty()) {
            return ProbeContext.noCertificate();
        }
        return CheckEvidence.observed(switch (context.observation().ocsp()) {
            case NONE -> "no OCSP response stapled";
            case GOOD -> "stapled OCSP response: good";
            case REVOKED -> "stapled OCSP response: revoked";
            case UNKNOWN -> "stapled OCSP response: unknown to the responder";
            case UNREADABLE -> "something was stapled that is not a readable OCSP response";
        });
    }
}
