package io.certfleet.core.probe.fleet;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.TlsVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest probe of one binding, as stored next to it in the inventory: what was asked (target, SNI, policy),
 * what came back (causes, protocol, suite, served leaf), or why the binding was not probed.
 *
 * @param target        {@code host:port} probed; empty when skipped
 * @param skippedReason why the binding could not be probed (internal endpoint, no name to ask for); empty if probed
 * @param servedSha256  SHA-256 of the leaf the endpoint served
 */
public record BindingProbe(BindingRecord.Key binding, Instant probedAt, Optional<String> target, Optional<String> sni,
                           String policy, List<Finding> findings, Optional<TlsVersion> protocol,
                           Optional<String> cipherSuite, List<TlsVersion> acceptedProtocols,
                           Optional<String> servedSha256, long durationMs, Optional<String> error,
                           Optional<String> skippedReason) {

    public BindingProbe {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(probedAt, "probedAt");
        Objects.requireNonNull(policy, "policy");
        findings = List.copyOf(findings);
        acceptedProtocols = List.copyOf(acceptedProtocols);
    }

    public static BindingProbe of(BindingRecord.Key binding, Diagnosis diagnosis, String policy, Instant probedAt) {
        return new BindingProbe(binding, probedAt, Optional.of(diagnosis.target().text()),
                diagnosis.target().effectiveSni(), policy, diagnosis.findings(), diagnosis.protocol(),
                diagnosis.cipherSuite(), diagnosis.acceptedProtocols(),
                diagnosis.leaf().map(leaf -> leaf.sha256()), diagnosis.durationMs(), diagnosis.error(),
                Optional.empty());
    }

    public static BindingProbe skipped(BindingRecord.Key binding, String reason, String policy, Instant at) {
        return new BindingProbe(binding, at, Optional.empty(), Optional.empty(), policy, List.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), 0, Optional.empty(), Optional.of(reason));
    }

    public boolean probed() {
        return skippedReason.isEmpty();
    }

    /** Probed, and no cause under the policy. */
    public boolean ok() {
        return probed() && findings.isEmpty();
    }

    public Optional<Severity> severity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    public List<FindingCode> codes() {
        return findings.stream().map(Finding::code).toList();
    }
}
