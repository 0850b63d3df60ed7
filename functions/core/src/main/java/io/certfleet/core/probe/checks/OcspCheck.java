package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
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
}
