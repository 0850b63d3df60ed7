package io.certfleet.core.probe.fleet;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ScopeSnapshot;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.ProbeEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: probe every present binding of one account-region (and, for the item that carries them, the account's
 * global endpoints: CloudFront), judge each under the policy profile of its certificate's environment (else the
 * default profile), and store the result next to the binding. A binding that cannot be probed is stored with the
 * reason, so that the inventory says why an endpoint has no wire-side result.
 */
public final class ProbeScope {

    /** ACM certificates of CloudFront distributions live in us-east-1. */
    static final String CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

    private final InventoryRepository inventory;
    private final BindingTargets targets;
    private final ProbeEndpoints probe;
    private final ProbeResults results;
    private final PolicySet policies;
    private final Settings settings;
    private final Clock clock;

    /** How hard to probe: per-connection timeout, endpoints probed at once. */
    public record Settings(Duration timeout, int concurrency) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
        }
    }

    public ProbeScope(InventoryRepository inventory, BindingTargets targets, ProbeEndpoints probe,
                      ProbeResults results, PolicySet policies, Settings settings, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.results = Objects.requireNonNull(results, "results");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ScopeProbeResult probe(ScanScope scope, boolean includeGlobal) {
        Instant started = clock.instant();
        List<ScopeSnapshot> snapshots = new ArrayList<>(List.of(inventory.loadScope(scope)));
        List<BindingRecord> bindings = new ArrayList<>(active(snapshots.getFirst().bindings()));
        if (includeGlobal) {
            ScopeSnapshot global = inventory.loadScope(scope.global());
            snapshots.add(global);
            bindings.addAll(active(global.bindings()));
            if (!scope.region().equals(CLOUDFRONT_CERTIFICATE_REGION)) {
                snapshots.add(inventory.loadScope(new ScanScope(scope.accountId(), CLOUDFRONT_CERTIFICATE_REGION)));
            }
        } else if (!scope.region().equals(ScanScope.GLOBAL_REGION)) {
            snapshots.add(inventory.loadScope(scope.global())); // IAM server certificates served by classic ELBs
        }
        Map<String, InventoryRecord> records = presentRecordsByArn(snapshots);
        List<PlannedProbe> plans = bindings.stream()
                .map(binding -> targets.plan(binding, Optional.ofNullable(records.get(binding.certificateArn()))))
                .toList();
        List<BindingProbe> stored = run(plans, started);
        results.record(stored);
        return ScopeProbeResult.of(scope, stored, Duration.between(started, clock.instant()));
    }

    private List<BindingProbe> run(List<PlannedProbe> plans, Instant at) {
        List<PlannedProbe> probed = plans.stream().filter(plan -> plan.target().isPresent()).toList();
        List<ProbeEndpoints.Request> requests = probed.stream()
                .map(plan -> new ProbeEndpoints.Request(plan.target().get(), policyFor(plan), plan.expectedSha256()))
                .toList();
        List<Diagnosis> diagnoses = probe.probeEach(requests, settings.timeout(), settings.concurrency());
        List<BindingProbe> stored = new ArrayList<>();
        for (int i = 0; i < probed.size(); i++) {
            stored.add(BindingProbe.of(probed.get(i).binding().key(), diagnoses.get(i), requests.get(i).policy().name(),
                    at));
        }
        plans.stream().filter(plan -> plan.skippedReason().isPresent())
                .map(plan -> BindingProbe.skipped(plan.binding().key(), plan.skippedReason().get(),
                        policyFor(plan).name(), at))
                .forEach(stored::add);
        return stored;
    }

    /** The profile named like the certificate's environment, else the default one. */
    private TlsPolicy policyFor(PlannedProbe plan) {
        return policies.forEnvironment(plan.environment());
    }

    private static List<BindingRecord> active(List<BindingRecord> bindings) {
        return bindings.stream().filter(BindingRecord::isActive).toList();
    }

    private static Map<String, InventoryRecord> presentRecordsByArn(List<ScopeSnapshot> snapshots) {
        Map<String, InventoryRecord> byArn = new HashMap<>();
        snapshots.forEach(snapshot -> snapshot.records().stream().filter(InventoryRecord::isActive)
                .forEach(record -> byArn.put(record.location().arn(), record)));
        return byArn;
    }
}
