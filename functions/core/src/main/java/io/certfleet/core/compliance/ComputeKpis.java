package io.certfleet.core.compliance;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.fleet.ScanRunRepository;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.RotationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Use case: the governance KPIs ({@link GovernanceKpis}) of the fleet or a part of it, computed by one walk through
 * the inventory (a chunk of certificates in memory at a time, with their bindings and latest probes), the open
 * findings, the rotations and the latest scan's coverage.
 */
public final class ComputeKpis {

    /** The CA/B Forum's step of March 2027: certificates valid for at most 100 days. */
    public static final int SHORT_LIVED_DAYS = 100;
    /** The lifetimes the rotation forecast assumes, in days: the CA/B Forum's steps of 2026, 2027 and 2029. */
    public static final List<Integer> FORECAST_LIFETIMES = List.of(200, 100, 47);
    private static final double DAYS_PER_MONTH = 365.25 / 12;
    private static final Set<FindingCode> SECURITY_POLICY_CODES = Set.of(FindingCode.SECURITY_POLICY_NOT_ALLOWED,
            FindingCode.UNKNOWN_SECURITY_POLICY);

    private final ListCertificates certificates;
    private final ProbeResults probes;
    private final FindingStore findings;
    private final RotationStore rotations;
    private final ScanRunRepository scans;
    private final String defaultOwner;
    private final Clock clock;

    public ComputeKpis(ListCertificates certificates, ProbeResults probes, FindingStore findings,
                       RotationStore rotations, ScanRunRepository scans, String defaultOwner, Clock clock) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.probes = Objects.requireNonNull(probes, "probes");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.scans = Objects.requireNonNull(scans, "scans");
        this.defaultOwner = Objects.requireNonNull(defaultOwner, "defaultOwner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public GovernanceKpis compute(KpiFilter filter) {
        Map<String, List<PolicyFinding>> openByArn = OpenFindings.byCertificate(findings);
        Tally tally = new Tally();
        certificates.forEachChunk(filter.certificates(), chunk -> {
            Map<BindingRecord.Key, BindingProbe> latest = probes.latestOfBindings(chunk.stream()
                    .flatMap(entry -> entry.bindings().stream()).map(BindingRecord::key).toList());
            chunk.forEach(entry -> tally.add(entry, latest, openByArn.getOrDefault(entry.record().location().arn(),
                    List.of())));
        });
        return new GovernanceKpis(clock.instant(), filter,
                new GovernanceKpis.Inventory(tally.certificates, tally.endpoints, scans.latestCoverage(),
                        new GovernanceKpis.Share(tally.ownedEndpoints, tally.endpoints)),
                new GovernanceKpis.Handshakes(new GovernanceKpis.Share(tally.ok, tally.probed), tally.byOwner()),
                new GovernanceKpis.Policy(new GovernanceKpis.Share(tally.meetingPolicy, tally.endpoints),
                        new GovernanceKpis.Share(tally.allowedSecurityPolicy, tally.endpoints)),
                rotations(filter),
                new GovernanceKpis.Lifetimes(new GovernanceKpis.Share(tally.shortLived, tally.readable),
                        tally.forecast()),
                new GovernanceKpis.Expiry(tally.expired, tally.days0To7, tally.days8To30, tally.days31To90,
                        tally.later, tally.unreadable, tally.expiredInUse),
                tally.findings());
    }

    private GovernanceKpis.Rotations rotations(KpiFilter filter) {
        List<Rotation> selected = rotations.list(Integer.MAX_VALUE).stream()
                .filter(rotation -> rotation.drill() == null) // a drill's rollback is its purpose, not a failure
                .filter(rotation -> filter.owner().map(owner -> owner.equals(rotation.owner())).orElse(true))
                .filter(rotation -> filter.environment().map(environment -> environment.equals(
                        rotation.environment())).orElse(true))
                .filter(rotation -> filter.account().map(account -> rotation.certificateArns().stream()
                        .anyMatch(arn -> CertificateArn.parse(arn).map(parsed -> parsed.accountId().equals(account))
                                .orElse(false))).orElse(true))
                .toList();
        List<Long> seconds = selected.stream().filter(rotation -> rotation.status() == RotationStatus.SUCCEEDED
                        && rotation.finishedAt() != null)
                .map(rotation -> Duration.between(rotation.startedAt(), rotation.finishedAt()).toSeconds())
                .sorted().toList();
        Optional<Long> mean = seconds.isEmpty() ? Optional.empty()
                : Optional.of(Math.round(seconds.stream().mapToLong(Long::longValue).average().orElseThrow()));
        Optional<Long> p90 = seconds.isEmpty() ? Optional.empty()
                : Optional.of(seconds.get((int) Math.ceil(0.9 * seconds.size()) - 1));
        java.time.Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        long failedLastHour = selected.stream().filter(rotation -> (rotation.status() == RotationStatus.FAILED
                || rotation.status() == RotationStatus.ROLLED_BACK) && rotation.finishedAt() != null
                && rotation.finishedAt().isAfter(hourAgo)).count();
        return new GovernanceKpis.Rotations(seconds.size(), count(selected, RotationStatus.FAILED),
                count(selected, RotationStatus.ROLLED_BACK), mean, p90, failedLastHour);
    }

    private static long count(List<Rotation> rotations, RotationStatus status) {
        return rotations.stream().filter(rotation -> rotation.status() == status).count();
    }

    /** The counters of one walk. */
    private final class Tally {
        long certificates;
        long readable;
        long unreadable;
        long shortLived;
        double rotationsPerMonthToday;
        long expired;
        long expiredInUse;
        long days0To7;
        long days8To30;
        long days31To90;
        long later;
        long endpoints;
        long ownedEndpoints;
        long probed;
        long ok;
        long meetingPolicy;
        long allowedSecurityPolicy;
        final Map<String, long[]> handshakesByOwner = new TreeMap<>(); // owner -> {probed, ok}
        final Map<String, Map<Severity, Long>> findingsByOwner = new TreeMap<>();
        final Map<Severity, Long> findingsBySeverity = new EnumMap<>(Severity.class);

        void add(InventoryEntry entry, Map<BindingRecord.Key, BindingProbe> latest, List<PolicyFinding> open) {
            certificates++;
            String owner = entry.record().ownership().owner();
            certificate(entry);
            for (PolicyFinding finding : open) {
                findingsBySeverity.merge(finding.severity(), 1L, Long::sum);
                findingsByOwner.computeIfAbsent(owner, key -> new EnumMap<>(Severity.class))
                        .merge(finding.severity(), 1L, Long::sum);
            }
            for (BindingRecord binding : entry.bindings()) {
                endpoints++;
                if (!owner.equals(defaultOwner)) {
                    ownedEndpoints++;
                }
                BindingProbe probe = latest.get(binding.key());
                if (probe != null && probe.probed()) {
                    probed++;
                    long[] counts = handshakesByOwner.computeIfAbsent(owner, key -> new long[2]);
                    counts[0]++;
                    if (probe.ok()) {
                        ok++;
                        counts[1]++;
                    }
                }
                String subject = EvaluatePolicy.subject(binding);
                if (open.stream().noneMatch(finding -> finding.severity().compareTo(Severity.HIGH) >= 0
                        && (finding.subject().equals(subject) || !finding.aboutBinding()))) {
                    meetingPolicy++;
                }
                if (open.stream().noneMatch(finding -> SECURITY_POLICY_CODES.contains(finding.code())
                        && finding.subject().equals(subject))) {
                    allowedSecurityPolicy++;
                }
            }
        }

        private void certificate(InventoryEntry entry) {
            if (!entry.record().isReadable()) {
                unreadable++;
                return;
            }
            readable++;
            CertificateFacts facts = entry.record().facts();
            double lifetimeDays = Math.max(1, Duration.between(facts.notBefore(), facts.notAfter()).toSeconds()
                    / 86_400.0);
            if (lifetimeDays <= SHORT_LIVED_DAYS) {
                shortLived++;
            }
            rotationsPerMonthToday += DAYS_PER_MONTH / lifetimeDays;
            long days = entry.daysToExpiry();
            if (days < 0) {
                expired++;
                if (!entry.bindings().isEmpty()) {
                    expiredInUse++;
                }
            } else if (days <= 7) {
                days0To7++;
            } else if (days <= 30) {
                days8To30++;
            } else if (days <= 90) {
                days31To90++;
            } else {
                later++;
            }
        }

        List<GovernanceKpis.OwnerHandshakes> byOwner() {
            List<GovernanceKpis.OwnerHandshakes> owners = new ArrayList<>();
            handshakesByOwner.forEach((owner, counts) -> owners.add(new GovernanceKpis.OwnerHandshakes(owner,
                    new GovernanceKpis.Share(counts[1], counts[0]))));
            return owners;
        }

        Map<String, Double> forecast() {
            Map<String, Double> forecast = new LinkedHashMap<>();
            forecast.put("current", round(rotationsPerMonthToday));
            FORECAST_LIFETIMES.forEach(days -> forecast.put("at" + days + "Days", round(readable * DAYS_PER_MONTH
                    / days)));
            return forecast;
        }

        GovernanceKpis.Findings findings() {
            List<GovernanceKpis.OwnerFindings> owners = new ArrayList<>();
            findingsByOwner.forEach((owner, bySeverity) -> owners.add(new GovernanceKpis.OwnerFindings(owner,
                    complete(bySeverity), bySeverity.values().stream().mapToLong(Long::longValue).sum())));
            return new GovernanceKpis.Findings(findingsBySeverity.values().stream().mapToLong(Long::longValue).sum(),
                    complete(findingsBySeverity), owners);
        }

        private static Map<Severity, Long> complete(Map<Severity, Long> counts) {
            Map<Severity, Long> all = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                all.put(severity, counts.getOrDefault(severity, 0L));
            }
            return all;
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
