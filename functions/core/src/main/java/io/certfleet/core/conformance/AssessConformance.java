package io.certfleet.core.conformance;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.checks.CertificateChecks;
import io.certfleet.core.policy.checks.CertificateContext;
import io.certfleet.core.probe.ChainAnalysis;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.EndpointObservation;
import io.certfleet.core.probe.ProbeSettings;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TlsProber;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: the conformance report of one endpoint. Probes it once with every accepted suite enumerated, looks the
 * served certificate up in the inventory (when there is one), judges it under the profile named, else the one the
 * inventory's environment maps to, else the default, as the probe's chain of named checks plus the certificate's
 * profile rules (key type, signature algorithm, lifetime), and keeps each check's evidence.
 */
public final class AssessConformance {

    /** The row that judges the served leaf by the profile's certificate rules. */
    public static final String CERTIFICATE_PROFILE = "certificate-profile";
    /** Findings of the certificate rules that the wire checks do not already report. */
    private static final Set<FindingCode> PROFILE_CODES = Set.of(FindingCode.KEY_TYPE_NOT_ALLOWED,
            FindingCode.SIGNATURE_NOT_ALLOWED, FindingCode.VALIDITY_TOO_LONG);

    /**
     * @param profile  a profile name to judge under (empty: the inventory's, else the default)
     * @param expected the SHA-256 the served leaf must have (empty: any)
     */
    public record Request(ProbeTarget target, Optional<String> profile, Optional<String> expected, Duration timeout) {
        public Request {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final TlsProber prober;
    private final DiagnoseEndpoint diagnose;
    private final PolicySet policies;
    private final Optional<InventoryStandings> inventory;
    private final Clock clock;

    public AssessConformance(TlsProber prober, DiagnoseEndpoint diagnose, PolicySet policies,
                             Optional<InventoryStandings> inventory, Clock clock) {
        this.prober = Objects.requireNonNull(prober, "prober");
        this.diagnose = Objects.requireNonNull(diagnose, "diagnose");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws IllegalArgumentException when the named profile does not exist (before anything is probed) */
    public ConformanceReport assess(Request request) {
        Optional<TlsPolicy> named = request.profile().map(name -> policies.profile(name).orElseThrow(() ->
                new IllegalArgumentException("no profile is named '" + name + "' (profiles: "
                        + String.join(", ", policies.profiles().keySet()) + ")")));
        TlsPolicy probing = named.orElse(policies.defaultPolicy());
        EndpointObservation observation = prober.observe(request.target(), new ProbeSettings(
                probing.allowedCipherSuites(), request.timeout(), request.timeout(), true));
        Optional<String> servedSha256 = leafSha256(observation);
        Optional<InventoryStanding> standing = inventory.flatMap(lookup -> servedSha256.flatMap(lookup::of));
        TlsPolicy profile;
        String source;
        if (named.isPresent()) {
            profile = named.get();
            source = "named with --policy";
        } else if (standing.isPresent()) {
            profile = policies.profile(standing.get().profile()).orElse(policies.defaultPolicy());
            source = "the inventory's: environment '" + Objects.requireNonNullElse(standing.get().environment(), "")
                    + "' maps to profile '" + profile.name() + "'";
        } else {
            profile = policies.defaultPolicy();
            source = "the default profile" + (inventory.isPresent() && servedSha256.isPresent()
                    ? " (the served certificate is not in the inventory)" : "");
        }
        EndpointObservation judged = observation.withAllowedSuites(profile.allowedCipherSuites());
        DiagnoseEndpoint.Assessment assessment = diagnose.assess(judged, profile, request.expected());
        List<CheckResult> checks = new ArrayList<>(assessment.checks());
        checks.add(certificateProfile(assessment.diagnosis().leaf(), observation, profile));
        return new ConformanceReport(assessment.diagnosis(), profile, source, clock.instant(), checks,
                judged.versions(), chain(observation, assessment.chain()), observation.ocsp(), standing,
                inventoryNote(servedSha256, standing));
    }

    private Optional<String> inventoryNote(Optional<String> servedSha256, Optional<InventoryStanding> standing) {
        if (standing.isPresent()) {
            return Optional.empty();
        }
        if (inventory.isEmpty()) {
            return Optional.of("no inventory table was given: rotation history not looked up");
        }
        return Optional.of(servedSha256.map(sha -> "the served certificate (SHA-256 " + sha
                + ") is in no present inventory location: certfleet does not know how it is rotated")
                .orElse("no certificate was served: nothing to look up in the inventory"));
    }

    /** The leaf judged by the profile's certificate rules (the ones a configuration check applies). */
    private CheckResult certificateProfile(Optional<CertificateFacts> facts, EndpointObservation observation,
                                           TlsPolicy profile) {
        String requirement = "the leaf's key type is " + String.join(" or ", profile.allowedKeyTypes().stream()
                .sorted().toList()) + ", its signature algorithm " + (profile.allowedSignatureAlgorithms().isEmpty()
                ? "any that is not weak" : "one of " + String.join(", ", profile.allowedSignatureAlgorithms()))
                + ", and its lifetime at most " + profile.maxValidity().toDays() + " days";
        if (facts.isEmpty()) {
            return new CheckResult(CERTIFICATE_PROFILE, requirement, false, List.of(), List.of(
                    observation.servedChain().isEmpty() ? "no certificate was served" : "the leaf cannot be read"));
        }
        CertificateContext context = new CertificateContext(facts.get(), profile, clock);
        List<Finding> findings = CertificateChecks.judge(context).stream()
                .filter(finding -> PROFILE_CODES.contains(finding.code())).toList();
        CertificateFacts leaf = facts.get();
        return new CheckResult(CERTIFICATE_PROFILE, requirement, true, findings, List.of(
                "key " + leaf.keyDescription(), "signed with " + leaf.signatureAlgorithm(),
                "valid for " + Duration.between(leaf.notBefore(), leaf.notAfter()).toDays() + " days ("
                        + leaf.notBefore() + " to " + leaf.notAfter() + ")"));
    }

    /** The served certificates in served order with their part in the path, then the path's unserved ones. */
    static List<ChainLink> chain(EndpointObservation observation, Optional<ChainAnalysis> analysis) {
        List<X509Certificate> served = observation.servedChain();
        List<X509Certificate> path = analysis.map(ChainAnalysis::path).orElse(List.of());
        List<ChainLink> links = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            X509Certificate certificate = served.get(i);
            ChainLink.Role role;
            if (i == 0) {
                role = ChainLink.Role.LEAF;
            } else if (!path.contains(certificate)) {
                role = ChainLink.Role.UNRELATED;
            } else {
                role = ChainAnalysis.signedBy(certificate, certificate) ? ChainLink.Role.ROOT
                        : ChainLink.Role.INTERMEDIATE;
            }
            int position = i;
            facts(certificate).ifPresent(facts -> links.add(new ChainLink(position, role, facts)));
        }
        for (X509Certificate certificate : path) {
            if (!served.contains(certificate)) {
                ChainLink.Role role = ChainAnalysis.signedBy(certificate, certificate) ? ChainLink.Role.TRUST_ANCHOR
                        : ChainLink.Role.NOT_SERVED_INTERMEDIATE;
                facts(certificate).ifPresent(facts -> links.add(new ChainLink(-1, role, facts)));
            }
        }
        return links;
    }

    private static Optional<CertificateFacts> facts(X509Certificate certificate) {
        try {
            return Optional.of(X509Facts.of(certificate, List.of()));
        } catch (MalformedCertificateException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> leafSha256(EndpointObservation observation) {
        if (observation.servedChain().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(X509Facts.sha256(observation.servedChain().getFirst()));
        } catch (MalformedCertificateException e) {
            return Optional.empty();
        }
    }
}
