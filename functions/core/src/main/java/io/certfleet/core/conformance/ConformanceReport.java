package io.certfleet.core.conformance;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.OcspStaple;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TLS conformance report of one endpoint (what vendors and acquisitions are asked to show): the profile it was
 * judged under and why that one, each named check with its verdict and evidence, every protocol and suite accepted,
 * the chain as served, OCSP, and, when the inventory holds the served certificate, whether its rotation is automated
 * with its history.
 *
 * @param profileSource why this profile: named on the command line, the inventory environment's, or the default
 * @param versions      each TLS version's answer; suites enumerated when the probe could
 */
public record ConformanceReport(Diagnosis diagnosis, TlsPolicy profile, String profileSource, Instant assessedAt,
                                List<CheckResult> checks, Map<TlsVersion, VersionSupport> versions,
                                List<ChainLink> chain, OcspStaple ocsp, Optional<InventoryStanding> inventory,
                                Optional<String> inventoryNote) {

    public ConformanceReport {
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profileSource, "profileSource");
        Objects.requireNonNull(assessedAt, "assessedAt");
        checks = List.copyOf(checks);
        Map<TlsVersion, VersionSupport> ordered = new EnumMap<>(TlsVersion.class);
        ordered.putAll(versions);
        versions = Collections.unmodifiableMap(ordered);
        chain = List.copyOf(chain);
        Objects.requireNonNull(ocsp, "ocsp");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(inventoryNote, "inventoryNote");
    }

    /** Conformant: the endpoint was reached and no check failed. */
    public boolean conforms() {
        return findings().isEmpty();
    }

    /** Every finding: the probe's (a network failure included) and the certificate profile's, most severe first. */
    public List<Finding> findings() {
        return Stream.concat(diagnosis.findings().stream(), checks.stream().flatMap(check -> check.findings()
                .stream())).distinct().sorted(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(Finding::code)).toList();
    }
}
