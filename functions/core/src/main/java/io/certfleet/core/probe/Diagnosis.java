package io.certfleet.core.probe;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one endpoint: every cause found (most severe first), with what was negotiated and served.
 *
 * @param chain the served certificates after the leaf, in served order
 * @param error what stopped the probe (network failure, failed handshake), empty when it went through
 */
public record Diagnosis(ProbeTarget target, List<Finding> findings, Optional<TlsVersion> protocol,
                        Optional<String> cipherSuite, List<TlsVersion> acceptedProtocols,
                        Optional<CertificateFacts> leaf, List<ChainCertificate> chain, boolean ocspStapled,
                        long durationMs, Optional<String> error) {

    public Diagnosis {
        Objects.requireNonNull(target, "target");
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::code)).toList();
        acceptedProtocols = List.copyOf(acceptedProtocols);
        chain = List.copyOf(chain);
    }

    /** Healthy under the policy: no cause at all. */
    public boolean ok() {
        return findings.isEmpty();
    }

    /** The most severe finding's severity, if any. */
    public Optional<Severity> severity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    public List<FindingCode> codes() {
        return findings.stream().map(Finding::code).toList();
    }
}
