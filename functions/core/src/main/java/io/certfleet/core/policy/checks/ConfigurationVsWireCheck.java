package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.Side;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The wire agrees with the configuration: the probe accepted exactly the protocols the security policy enables,
 * and negotiated a suite it lists. A difference means something else answers (a proxy or another listener in
 * front), or a change was not applied: either way the configuration is not what clients get.
 */
public final class ConfigurationVsWireCheck implements BindingCheck {

    @Override
    public String name() {
        return "configuration-vs-wire";
    }

    @Override
    public Side side() {
        return Side.CONFIGURATION_VS_WIRE;
    }

    @Override
    public List<Finding> check(BindingContext context) {
        if (context.configured().isEmpty() || context.probe().filter(BindingProbe::probed).isEmpty()) {
            return List.of();
        }
        SecurityPolicy configured = context.configured().get();
        BindingProbe probe = context.probe().get();
        if (probe.acceptedProtocols().isEmpty()) {
            return List.of(); // nothing was accepted (unreachable, not TLS): the wire findings say why
        }
        Set<TlsVersion> wire = EnumSet.copyOf(probe.acceptedProtocols());
        List<String> differences = new ArrayList<>();
        Set<TlsVersion> onlyOnWire = EnumSet.copyOf(wire);
        onlyOnWire.removeAll(configured.protocols());
        if (!onlyOnWire.isEmpty()) {
            differences.add("the wire accepts " + ConfiguredProtocolCheck.names(List.copyOf(onlyOnWire))
                    + ", which " + configured.name() + " does not enable");
        }
        Set<TlsVersion> onlyConfigured = EnumSet.noneOf(TlsVersion.class);
        onlyConfigured.addAll(configured.protocols());
        onlyConfigured.removeAll(wire);
        if (!onlyConfigured.isEmpty()) {
            differences.add(configured.name() + " enables " + ConfiguredProtocolCheck.names(
                    List.copyOf(onlyConfigured)) + ", which the wire refuses");
        }
        if (configured.cipherSuites().isPresent() && probe.cipherSuite().isPresent()
                && !configured.cipherSuites().get().contains(probe.cipherSuite().get())) {
            differences.add("the wire negotiated " + probe.cipherSuite().get() + ", which " + configured.name()
                    + " does not list");
        }
        if (differences.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(FindingCode.CONFIG_WIRE_MISMATCH, context.policy().severityOf(
                FindingCode.CONFIG_WIRE_MISMATCH, Long.MAX_VALUE), String.join("; ", differences)));
    }
}
