package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
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
}
