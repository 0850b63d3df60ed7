package io.certfleet.core.policy;

import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ScopeSnapshot;
import io.certfleet.core.policy.checks.BindingCheck;
import io.certfleet.core.policy.checks.BindingContext;
import io.certfleet.core.policy.checks.CertificateCheck;
import io.certfleet.core.policy.checks.CertificateChecks;
import io.certfleet.core.policy.checks.CertificateContext;
import io.certfleet.core.policy.checks.ConfigurationVsWireCheck;
import io.certfleet.core.policy.checks.ConfiguredCipherCheck;
import io.certfleet.core.policy.checks.ConfiguredProtocolCheck;
import io.certfleet.core.policy.checks.SecurityPolicyAllowedCheck;
import io.certfleet.core.policy.checks.WireFindingsCheck;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case: judge one account-region against the policy, on both sides. Its certificates go through the certificate
 * checks, its endpoints through the configuration checks (the security policy expanded), the wire (their latest
 * probe) and the comparison of the two. The findings are reconciled with the stored ones: new ones open (a
 * {@code PolicyViolation} event each, and a {@code HandshakeFailure} per endpoint that newly fails handshakes),
 * those seen again keep their first-seen time, those gone are resolved ({@code PolicyViolationResolved}).
 * An endpoint without a probe result keeps its open wire findings: not probed is not fixed.
 */
public final class EvaluatePolicy {

    public static final String VIOLATION = "PolicyViolation";
    public static final String RESOLVED = "PolicyViolationResolved";
    public static final String HANDSHAKE_FAILURE = "HandshakeFailure";
    /** An unchanged open finding's {@code lastSeen} is written at most this often. */
    static final java.time.Duration LAST_SEEN_REFRESH = java.time.Duration.ofDays(1);

    static final List<BindingCheck> BINDING_CHECKS = List.of(new SecurityPolicyAllowedCheck(),
            new ConfiguredProtocolCheck(), new ConfiguredCipherCheck(), new WireFindingsCheck(),
            new ConfigurationVsWireCheck());

    private final InventoryRepository inventory;
    private final ProbeResults probes;
    private final SecurityPolicyCatalog catalog;
    private final PolicySet policies;
    private final FindingStore store;
    private final EventPublisher events;
    private final OwnerNotifier owners;
    private final Clock clock;

    public EvaluatePolicy(InventoryRepository inventory, ProbeResults probes, SecurityPolicyCatalog catalog,
                          PolicySet policies, FindingStore store, EventPublisher events, OwnerNotifier owners,
                          Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.probes = Objects.requireNonNull(probes, "probes");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates a scope, and its account's global scope when the work item includes global sources. */
    public List<PolicyRun> evaluate(ScanScope scope, boolean includeGlobal) {
        List<PolicyRun> runs = new ArrayList<>(List.of(evaluate(scope)));
        if (includeGlobal && !scope.region().equals(ScanScope.GLOBAL_REGION)) {
            runs.add(evaluate(scope.global()));
        }
        return runs;
    }

    public PolicyRun evaluate(ScanScope scope) {
        Instant now = clock.instant();
        ScopeSnapshot here = inventory.loadScope(scope);
        List<InventoryRecord> certificates = here.records().stream()
                .filter(record -> record.isActive() && record.isReadable()).toList();
        List<BindingRecord> bindings = here.bindings().stream().filter(BindingRecord::isActive).toList();
        Map<String, InventoryRecord> served = recordsServedBy(bindings, certificates, scope);
        Map<BindingRecord.Key, BindingProbe> latest = probes.latestOf(bindings.stream()
                .map(BindingRecord::certificateArn).collect(Collectors.toSet()));

        List<PolicyFinding> current = new ArrayList<>();
        certificates.forEach(record -> current.addAll(certificateFindings(scope, record)));
        here.records().stream().filter(record -> record.isActive() && !record.isReadable())
                .map(record -> malformed(scope, record)).forEach(current::add);
        bindings.forEach(binding -> current.addAll(bindingFindings(scope, binding,
                Optional.ofNullable(served.get(binding.certificateArn())), Optional.ofNullable(latest.get(binding.key())))));
        return reconcile(scope, current, bindings, latest, certificates.size(), now);
    }

    private List<PolicyFinding> certificateFindings(ScanScope scope, InventoryRecord record) {
        TlsPolicy policy = policies.forEnvironment(record.ownership().environment());
        CertificateContext context = new CertificateContext(record.facts(), policy, clock);
        List<PolicyFinding> findings = new ArrayList<>();
        for (CertificateCheck check : CertificateChecks.ALL) {
            for (Finding finding : check.check(context)) {
                findings.add(new PolicyFinding(scope, record.location().arn(), PolicyFinding.CERTIFICATE,
                        finding.code(), finding.severity(), finding.detail(), Side.CONFIGURATION, policy.name(),
                        record.ownership().owner(), record.ownership().environment()));
            }
        }
        return findings;
    }

    /** A certificate whose body or chain could not be parsed: judged as such, never skipped in silence. */
    private PolicyFinding malformed(ScanScope scope, InventoryRecord record) {
        TlsPolicy policy = policies.forEnvironment(record.ownership().environment());
        return new PolicyFinding(scope, record.location().arn(), PolicyFinding.CERTIFICATE,
                FindingCode.MALFORMED_CERTIFICATE, policy.severityOf(FindingCode.MALFORMED_CERTIFICATE, Long.MAX_VALUE),
                record.malformedReason(), Side.CONFIGURATION, policy.name(), record.ownership().owner(),
                record.ownership().environment());
    }

    private List<PolicyFinding> bindingFindings(ScanScope scope, BindingRecord binding,
                                                Optional<InventoryRecord> certificate, Optional<BindingProbe> probe) {
        String environment = certificate.map(record -> record.ownership().environment()).orElse(null);
        String owner = certificate.map(record -> record.ownership().owner()).orElse(null);
        TlsPolicy policy = policies.forEnvironment(environment);
        Optional<SecurityPolicy> configured = Optional.ofNullable(binding.sslPolicy()).filter(name -> !name.isBlank())
                .flatMap(name -> SecurityPolicies.serviceOf(binding.type())
                        .flatMap(service -> catalog.expand(service, name, binding.scope().region())));
        BindingContext context = new BindingContext(binding, policy, configured, probe);
        List<PolicyFinding> findings = new ArrayList<>();
        for (BindingCheck check : BINDING_CHECKS) {
            for (Finding finding : check.check(context)) {
                findings.add(new PolicyFinding(scope, binding.certificateArn(), subject(binding), finding.code(),
                        finding.severity(), finding.detail(), check.side(), policy.name(), owner, environment));
            }
        }
        return findings;
    }

    /** {@code ELBV2_LISTENER#<listener ARN>}: a binding as a finding's subject. */
    public static String subject(BindingRecord binding) {
        return binding.type().name() + "#" + binding.resourceId();
    }

    private PolicyRun reconcile(ScanScope scope, List<PolicyFinding> current, List<BindingRecord> bindings,
                                Map<BindingRecord.Key, BindingProbe> latest, int certificateCount, Instant now) {
        Map<String, PolicyFinding> byKey = new LinkedHashMap<>();
        current.forEach(finding -> byKey.putIfAbsent(finding.key(), finding));
        Set<String> unprobed = bindings.stream().filter(binding -> !latest.containsKey(binding.key()))
                .map(binding -> PolicyFinding.subjectKey(binding.certificateArn(), subject(binding)))
                .collect(Collectors.toSet());
        List<PolicyFinding> opened = new ArrayList<>();
        List<StoredFinding> stillOpen = new ArrayList<>();
        List<StoredFinding> resolved = new ArrayList<>();
        Map<String, StoredFinding> open = new HashMap<>();
        store.open(scope).forEach(stored -> open.put(stored.finding().key(), stored));
        for (PolicyFinding finding : byKey.values()) {
            StoredFinding before = open.get(finding.key());
            if (before == null) {
                opened.add(finding);
            } else {
                stillOpen.add(new StoredFinding(finding, before.firstSeen(), now));
            }
        }
        for (StoredFinding stored : open.values()) {
            PolicyFinding finding = stored.finding();
            boolean notProbed = finding.side() != Side.CONFIGURATION && unprobed.contains(finding.subjectKey());
            if (byKey.containsKey(finding.key())) {
                continue;
            }
            if (finding.side() == Side.ROTATION) {
                stillOpen.add(stored); // a rotation's outcome: only a successful rotation resolves it
                continue;
            }
            if (notProbed) {
                stillOpen.add(stored); // not probed this time: not fixed either
            } else {
                resolved.add(stored);
            }
        }
        List<String> failures = new ArrayList<>();
        // Owners hear first; an endpoint whose owners could not be told stays unrecorded, so it opens (and is
        // told) again next time rather than never.
        Map<String, List<PolicyFinding>> failing = newHandshakeFailures(opened);
        Set<String> untold = notify(failing, failures);
        failing.keySet().removeAll(untold);
        opened.removeIf(finding -> untold.contains(finding.subjectKey()));
        byKey.values().removeIf(finding -> untold.contains(finding.subjectKey()) && !open.containsKey(finding.key()));
        store.seen(worthWriting(byKey.values(), open, now), now);
        store.resolved(resolved, now);
        int published = publish(PolicyEvents.of(opened, resolved, failing.values(), now), failures);
        return new PolicyRun(scope, certificateCount, bindings.size(), opened, stillOpen, resolved, published,
                failures);
    }

    /** The endpoints whose wire findings newly include a cause that breaks handshakes, with those findings. */
    private static Map<String, List<PolicyFinding>> newHandshakeFailures(List<PolicyFinding> opened) {
        Map<String, List<PolicyFinding>> byEndpoint = new LinkedHashMap<>();
        opened.stream().filter(finding -> finding.side() == Side.WIRE && finding.code().breaksHandshakes())
                .forEach(finding -> byEndpoint.computeIfAbsent(finding.subjectKey(), key -> new ArrayList<>())
                        .add(finding));
        return byEndpoint;
    }

    /** One message per endpoint that newly fails handshakes; returns the endpoints whose owners were not told. */
    private Set<String> notify(Map<String, List<PolicyFinding>> failing, List<String> failures) {
        Set<String> untold = new java.util.HashSet<>();
        failing.forEach((endpoint, findings) -> {
            try {
                owners.notify(HandshakeFailureMessage.of(findings));
            } catch (RuntimeException e) {
                untold.add(endpoint);
                failures.add("owners of " + endpoint + " not told of its handshake failure (next run retries): "
                        + e.getMessage());
            }
        });
        return untold;
    }

    /**
     * New findings, changed ones (detail, severity, profile, owner), and those whose {@code lastSeen} is a day old:
     * a stable fleet's re-evaluation writes nothing else (each write is a DynamoDB request per finding).
     */
    private static List<PolicyFinding> worthWriting(java.util.Collection<PolicyFinding> current,
                                                    Map<String, StoredFinding> open, Instant now) {
        List<PolicyFinding> writes = new ArrayList<>();
        for (PolicyFinding finding : current) {
            StoredFinding before = open.get(finding.key());
            if (before == null || !before.finding().equals(finding)
                    || !before.lastSeen().isAfter(now.minus(LAST_SEEN_REFRESH))) {
                writes.add(finding);
            }
        }
        return writes;
    }

    private int publish(List<CertfleetEvent> batch, List<String> failures) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            events.publish(batch);
            return batch.size();
        } catch (RuntimeException e) {
            // The findings are stored; their events are lost for this change, and the run says so.
            failures.add(batch.size() + " event(s) not published: " + e.getMessage());
            return 0;
        }
    }

    /** The certificates the bindings serve: those of the scope, and others (another region, IAM) loaded by ARN. */
    private Map<String, InventoryRecord> recordsServedBy(List<BindingRecord> bindings,
                                                         List<InventoryRecord> certificates, ScanScope scope) {
        Map<String, InventoryRecord> byArn = new HashMap<>();
        certificates.forEach(record -> byArn.put(record.location().arn(), record));
        Set<ScanScope> elsewhere = bindings.stream().map(BindingRecord::certificateArn)
                .filter(arn -> !byArn.containsKey(arn)).map(EvaluatePolicy::scopeOfArn).flatMap(Optional::stream)
                .filter(other -> !other.equals(scope)).collect(Collectors.toSet());
        for (ScanScope other : elsewhere) {
            inventory.loadScope(other).records().stream().filter(InventoryRecord::isActive)
                    .forEach(record -> byArn.putIfAbsent(record.location().arn(), record));
        }
        return byArn;
    }

    /** {@code arn:aws:acm:us-east-1:1111...:certificate/x} → that account-region; IAM → the account's global scope. */
    static Optional<ScanScope> scopeOfArn(String arn) {
        return CertificateArn.parse(arn).map(CertificateArn::scope);
    }
}
