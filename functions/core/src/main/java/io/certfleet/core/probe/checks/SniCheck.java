package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.SniBehaviour;
import java.util.List;

/** SNI_REQUIRED: without SNI the handshake fails, or another certificate is served. */
public final class SniCheck implements EndpointCheck {

    @Override
    public String name() {
        return "sni";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        return switch (context.observation().sni()) {
            case HANDSHAKE_FAILED -> List.of(context.finding(FindingCode.SNI_REQUIRED,
                    "without SNI the handshake fails"));
            case DIFFERENT_CERTIFICATE -> List.of(context.finding(FindingCode.SNI_REQUIRED,
                    "without SNI the server serves another certificate"));
            default -> List.of();
        };
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "without SNI the server still answers, with the same certificate";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        SniBehaviour behaviour = context.observation().sni();
        return switch (behaviour) {
            case NOT_APPLICABLE -> CheckEvidence.notApplicable("no SNI name was sent (an IP address target without "
                    + "--sni): nothing to compare");
            case SAME_CERTIFICATE -> CheckEvidence.observed("without SNI the server served the same certificate");
            case HANDSHAKE_FAILED -> CheckEvidence.observed("without SNI the handshake failed");
            case DIFFERENT_CERTIFICATE -> CheckEvidence.observed("without SNI the server served another certificate");
        };
    }
}
