package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The protocols the security policy enables: none below the profile's minimum, at least one it allows. */
public final class ConfiguredProtocolCheck implements BindingCheck {

    @Override
    public String name() {
        return "configured-protocols";
    }

    @Override
    public Side side() {
        return Side.CONFIGURATION;
    }

    @Override
    public List<Finding> check(BindingContext context) {
        if (context.configured().isEmpty()) {
            return List.of();
        }
        SecurityPolicy configured = context.configured().get();
        TlsPolicy policy = context.policy();
        List<Finding> findings = new ArrayList<>();
        List<TlsVersion> legacy = configured.protocols().stream()
                .filter(version -> version.compareTo(policy.minVersion()) < 0).toList();
        if (!legacy.isEmpty()) {
            findings.add(new Finding(FindingCode.LEGACY_PROTOCOL_ENABLED, policy.severityOf(
                    FindingCode.LEGACY_PROTOCOL_ENABLED, Long.MAX_VALUE), configured.name() + " enables "
                    + names(legacy) + " (minimum " + policy.minVersion().protocolName() + ")"));
        }
        if (configured.protocols().stream().noneMatch(policy::allows)) {
            findings.add(new Finding(FindingCode.PROTOCOL_MISMATCH, policy.severityOf(FindingCode.PROTOCOL_MISMATCH,
                    Long.MAX_VALUE), configured.name() + " enables " + names(List.copyOf(configured.protocols()))
                    + ", none of " + policy.minVersion().protocolName() + "-" + policy.maxVersion().protocolName()));
        }
        return findings;
    }

    static String names(List<TlsVersion> versions) {
        return versions.stream().sorted().map(TlsVersion::protocolName).collect(Collectors.joining(", "));
    }
}
