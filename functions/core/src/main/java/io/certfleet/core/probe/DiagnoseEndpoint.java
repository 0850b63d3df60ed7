package io.certfleet.core.probe;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.checks.ChainOrderCheck;
import io.certfleet.core.probe.checks.CheckEvidence;
import io.certfleet.core.probe.checks.CipherCheck;
import io.certfleet.core.probe.checks.EndpointCheck;
import io.certfleet.core.probe.checks.ExpectedCertificateCheck;
import io.certfleet.core.probe.checks.ExpiryWindowCheck;
import io.certfleet.core.probe.checks.HostnameCheck;
import io.certfleet.core.probe.checks.KeyStrengthCheck;
import io.certfleet.core.probe.checks.OcspCheck;
import io.certfleet.core.probe.checks.ProbeContext;
import io.certfleet.core.probe.checks.ProtocolCheck;
import io.certfleet.core.probe.checks.SignatureAlgorithmCheck;
import io.certfleet.core.probe.checks.SniCheck;
import io.certfleet.core.probe.checks.TrustCheck;
import io.certfleet.core.probe.checks.ValidityCheck;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: judge an observed endpoint under a policy, as a chain of small named checks that each add their
 * findings, so that every applicable cause is reported at once (an expired certificate with a missing intermediate
 * reports both). A network failure is the one finding of an endpoint that never spoke TLS.
 */
public final class DiagnoseEndpoint {

    /** The checks, in the order their findings are gathered. */
    public static final List<EndpointCheck> CHECKS = List.of(new ValidityCheck(), new ExpiryWindowCheck(),
            new HostnameCheck(), new TrustCheck(), new ChainOrderCheck(), new KeyStrengthCheck(),
            new SignatureAlgorithmCheck(), new OcspCheck(), new ProtocolCheck(), new CipherCheck(), new SniCheck(),
            new ExpectedCertificateCheck());

    private final TrustMaterial trust;
    private final IssuerLookup issuers;
    private final Clock clock;

    public DiagnoseEndpoint(TrustMaterial trust, IssuerLookup issuers, Clock clock) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Diagnosis diagnose(EndpointObservation observation, TlsPolicy policy, Optional<String> expectedSha256) {
        return assess(observation, policy, expectedSha256).diagnosis();
    }

    /**
     * The diagnosis with each check's own verdict, requirement and evidence (a conformance report's rows), and how
     * the served chain linked up (empty when no TLS was spoken).
     */
    public record Assessment(Diagnosis diagnosis, List<CheckResult> checks, Optional<ChainAnalysis> chain) {
        public Assessment {
            Objects.requireNonNull(diagnosis, "diagnosis");
            checks = List.copyOf(checks);
            Objects.requireNonNull(chain, "chain");
        }
    }

    public Assessment assess(EndpointObservation observation, TlsPolicy policy, Optional<String> expectedSha256) {
        if (observation.failure().isPresent()) {
            NetworkFailure failure = observation.failure().get();
            Diagnosis diagnosis = new Diagnosis(observation.target(), List.of(new Finding(failure.code(),
                    policy.severityOf(failure.code(), Long.MAX_VALUE), failure.detail())), Optional.empty(),
                    Optional.empty(), List.of(), Optional.empty(), List.of(), false, observation.durationMs(),
                    Optional.of(failure.detail()));
            List<CheckResult> checks = CHECKS.stream().map(check -> new CheckResult(check.name(),
                    check.requirement(policy), false, List.of(), List.of("no TLS conversation: " + failure.code()
                    + " (" + failure.detail() + ")"))).toList();
            return new Assessment(diagnosis, checks, Optional.empty());
        }
        ChainAnalysis chain = ChainAnalysis.of(observation.servedChain(), trust, issuers);
        ProbeContext context = new ProbeContext(observation, policy, chain, clock, expectedSha256);
        List<Finding> findings = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        for (EndpointCheck check : CHECKS) {
            List<Finding> found = check.check(context);
            findings.addAll(found);
            CheckEvidence evidence = check.evidence(context);
            checks.add(new CheckResult(check.name(), check.requirement(policy), evidence.applies() || !found.isEmpty(),
                    found, evidence.observed()));
        }
        boolean stapled = observation.ocsp() == OcspStaple.GOOD || observation.ocsp() == OcspStaple.REVOKED
                || observation.ocsp() == OcspStaple.UNKNOWN;
        Diagnosis diagnosis = new Diagnosis(observation.target(), findings, observation.protocol(),
                observation.cipherSuite(), observation.acceptedVersions(), leafFacts(observation.servedChain()),
                chainEntries(observation.servedChain()), stapled, observation.durationMs(),
                observation.handshakeError());
        return new Assessment(diagnosis, checks, Optional.of(chain));
    }

    private static Optional<CertificateFacts> leafFacts(List<X509Certificate> served) {
        if (served.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(X509Facts.of(served.getFirst(), List.of()));
        } catch (MalformedCertificateException e) {
            return Optional.empty();
        }
    }

    private static List<ChainCertificate> chainEntries(List<X509Certificate> served) {
        List<ChainCertificate> entries = new ArrayList<>();
        for (X509Certificate certificate : served.subList(Math.min(1, served.size()), served.size())) {
            try {
                entries.add(X509Facts.chainEntry(certificate));
            } catch (MalformedCertificateException e) {
                // an unreadable chain entry is CHAIN_ORDER's and TRUST's business, not the listing's
            }
        }
        return entries;
    }
}
