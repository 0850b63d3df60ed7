package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.ChainAnalysis;
import io.certfleet.core.probe.EndpointObservation;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every check sees: the observation, the policy, how the chain links up, the time, and the certificate
 * expected at this endpoint (a canary's).
 */
public record ProbeContext(EndpointObservation observation, TlsPolicy policy, ChainAnalysis chain, Clock clock,
                           Optional<String> expectedSha256) {

    public Optional<X509Certificate> leaf() {
        return observation.servedChain().isEmpty() ? Optional.empty()
                : Optional.of(observation.servedChain().getFirst());
    }

    /** Served certificates that are part of the leaf's path (unrelated extras are CHAIN_ORDER's business). */
    public List<X509Certificate> servedPath() {
        return chain.path().stream().filter(c -> observation.servedChain().contains(c)).toList();
    }

    /** How a certificate is named in findings and evidence. */
    public static String nameOf(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }

    /** Evidence for a check that needs a served certificate, when none was served. */
    public static CheckEvidence noCertificate() {
        return CheckEvidence.notApplicable("no certificate was served");
    }

    /** A finding with the policy's severity for it. */
    public Finding finding(FindingCode code, String detail) {
        long daysLeft = leaf().map(leaf -> Duration.between(clock.instant(), leaf.getNotAfter().toInstant())
                .toDays()).orElse(Long.MAX_VALUE);
        return new Finding(code, policy.severityOf(code, daysLeft), detail);
    }
}
