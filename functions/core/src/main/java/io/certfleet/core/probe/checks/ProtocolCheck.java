package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PROTOCOL_MISMATCH: no version the policy allows is accepted; LEGACY_PROTOCOL_ENABLED: one below its minimum is. */
public final class ProtocolCheck implements EndpointCheck {

    @Override
    public String name() {
        return "protocol";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        if (context.observation().versions().isEmpty()) {
            return List.of(); // not enumerated (no TLS conversation)
        }
        List<TlsVersion> accepted = context.observation().acceptedVersions();
        List<Finding> findings = new ArrayList<>();
        if (accepted.stream().noneMatch(context.policy()::allows)) {
            findings.add(context.finding(FindingCode.PROTOCOL_MISMATCH, "the server accepts "
                    + (accepted.isEmpty() ? "no TLS version" : names(accepted)) + "; the policy allows "
                    + context.policy().minVersion().protocolName() + " to "
                    + context.policy().maxVersion().protocolName()));
        }
        List<TlsVersion> legacy = accepted.stream()
                .filter(version -> version.compareTo(context.policy().minVersion()) < 0).toList();
        if (!legacy.isEmpty()) {
            findings.add(context.finding(FindingCode.LEGACY_PROTOCOL_ENABLED, "the server accepts " + names(legacy)
                    + " (policy minimum: " + context.policy().minVersion().protocolName() + ")"));
        }
        return findings;
    }

    static String names(List<TlsVersion> versions) {
        return String.join(", ", versions.stream().map(TlsVersion::protocolName).toList());
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "accepts a TLS version from " + policy.minVersion().protocolName() + " to "
                + policy.maxVersion().protocolName() + ", and none below " + policy.minVersion().protocolName();
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        Map<TlsVersion, VersionSupport> versions = context.observation().versions();
        if (versions.isEmpty()) {
            return CheckEvidence.notApplicable("TLS versions were not enumerated");
        }
        List<TlsVersion> refused = versions.entrySet().stream().filter(e -> !e.getValue().accepted())
                .map(Map.Entry::getKey).sorted().toList();
        List<TlsVersion> accepted = context.observation().acceptedVersions();
        return CheckEvidence.observed(List.of("accepted: " + (accepted.isEmpty() ? "none" : names(accepted)),
                "refused: " + (refused.isEmpty() ? "none" : names(refused))));
    }
}
