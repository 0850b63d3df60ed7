package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIPHER_MISMATCH: a policy version is accepted, but with none of the policy's suites; WEAK_CIPHER_ENABLED: some
 * version accepts a suite outside the policy.
 */
public final class CipherCheck implements EndpointCheck {

    @Override
    public String name() {
        return "cipher";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        Map<TlsVersion, VersionSupport> versions = context.observation().versions();
        List<Finding> findings = new ArrayList<>();
        List<TlsVersion> allowedAccepted = versions.entrySet().stream()
                .filter(e -> e.getValue().accepted() && context.policy().allows(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        boolean anyAllowedCipher = allowedAccepted.stream()
                .anyMatch(version -> versions.get(version).allowedCipher().isPresent());
        if (!allowedAccepted.isEmpty() && !anyAllowedCipher) {
            findings.add(context.finding(FindingCode.CIPHER_MISMATCH, "with " + ProtocolCheck.names(allowedAccepted)
                    + " the server accepts none of the policy's " + context.policy().allowedCipherSuites().size()
                    + " cipher suites"));
        }
        Set<String> outside = new LinkedHashSet<>();
        versions.entrySet().stream().filter(e -> e.getValue().accepted()).sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().outsideCiphers()
                        .forEach(cipher -> outside.add(cipher + " (" + e.getKey().protocolName() + ")")));
        if (!outside.isEmpty()) {
            findings.add(context.finding(FindingCode.WEAK_CIPHER_ENABLED, "accepted outside the policy: "
                    + String.join(", ", outside)));
        }
        return findings;
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "with an allowed TLS version, accepts one of the policy's " + policy.allowedCipherSuites().size()
                + " cipher suites, and no suite outside them";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        List<String> lines = new ArrayList<>();
        context.observation().versions().entrySet().stream().filter(e -> e.getValue().accepted())
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    VersionSupport support = e.getValue();
                    lines.add(e.getKey().protocolName() + ": " + (support.allowedCipher()
                            .map(cipher -> "accepts the policy's " + cipher)
                            .orElse("accepts none of the policy's suites")) + "; outside the policy: "
                            + (support.outsideCiphers().isEmpty() ? "none"
                            : String.join(", ", support.outsideCiphers())));
                });
        return lines.isEmpty() ? CheckEvidence.notApplicable("no TLS version was accepted")
                : CheckEvidence.observed(lines);
    }
}
