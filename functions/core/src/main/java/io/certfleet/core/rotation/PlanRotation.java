package io.certfleet.core.rotation;

import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.drill.DrillableEnvironments;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.ChangeCalendar;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.BindingTargets;
import io.certfleet.core.probe.fleet.PlannedProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Use case: plans a rotation. Finds every location of the certificate (one fingerprint imported in several
 * accounts or regions is one rotation) and every endpoint serving any of them, takes the profile of the
 * certificate's environment with the request's overrides, orders the bindings into waves (the least exposed one
 * first, as the canary), says when the calendar lets it swap, and stores the plan. A request that cannot be planned
 * is stored too, {@link RotationStatus#REFUSED} with the reason, so that every attempt can be looked up. A drill
 * ({@link RotationRequest#drill()}) is planned on its one binding, only in a drillable environment and a change
 * window, without approval.
 */
public final class PlanRotation {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final InventoryRepository inventory;
    private final ProbeResults probes;
    private final PolicySet policies;
    private final BindingTargets targets;
    private final RotationStore rotations;
    private final DrillableEnvironments drillable;
    private final Clock clock;

    public PlanRotation(InventoryRepository inventory, ProbeResults probes, PolicySet policies, BindingTargets targets,
                        RotationStore rotations, Clock clock) {
        this(inventory, probes, policies, targets, rotations, DrillableEnvironments.DEFAULT, clock);
    }

    /** @param drillable the environments whose endpoints may be drilled ({@link RotationRequest#drill()}) */
    public PlanRotation(InventoryRepository inventory, ProbeResults probes, PolicySet policies, BindingTargets targets,
                        RotationStore rotations, DrillableEnvironments drillable, Clock clock) {
        this.drillable = Objects.requireNonNull(drillable, "drillable");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.probes = Objects.requireNonNull(probes, "probes");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The rotation's id: when it was asked for and whose fingerprint, readable in a list and unique. */
    public static String newId(Instant at, String sha256) {
        return ID_TIME.format(at) + "-" + sha256.substring(0, Math.min(8, sha256.length())) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
    }

    public Rotation plan(RotationRequest request) {
        if (request.rotationId() != null) {
            Optional<Rotation> existing = rotations.find(request.rotationId());
            if (existing.isPresent()) {
                return existing.get(); // a retried plan step, or a resumed rotation: the first plan stands
            }
            if (request.certificate().isBlank()) {
                return refused(request, "no rotation " + request.rotationId() + " to resume", clock.instant());
            }
        }
        Instant now = clock.instant();
        List<InventoryRecord> locations = locations(request);
        if (locations.isEmpty()) {
            return refused(request, "no certificate " + request.certificate() + " in the inventory (scan first, "
                    + "or name an ARN or SHA-256 of a certificate it lists)", now);
        }
        InventoryRecord first = locations.getFirst();
        TlsPolicy profile = policies.forEnvironment(first.ownership().environment());
        RotationSettings rules = effectiveRules(profile.rotation(), request);
        if (rules.mode() == RotationMode.OFF && "policy".equals(request.requestedBy())) {
            return refused(request, "profile " + profile.name() + " has rotation mode off: certfleet only alerts",
                    now);
        }
        Set<String> arns = locations.stream().map(record -> record.location().arn())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, InventoryRecord> recordByArn = new HashMap<>();
        locations.forEach(record -> recordByArn.put(record.location().arn(), record));
        List<BindingRecord> serving = inventory.bindingsOf(arns).values().stream().flatMap(List::stream)
                .filter(BindingRecord::isActive).toList();
        DrillSpec drill = request.drill();
        if (drill != null) {
            Optional<String> refusal = drillable.refusal(first.ownership().environment());
            if (refusal.isPresent()) {
                return refused(request, refusal.get(), now);
            }
            serving = serving.stream().filter(binding -> binding.type() == drill.type()
                    && binding.resourceId().equals(drill.resourceId())).limit(1).toList();
            if (serving.isEmpty()) {
                return refused(request, "the drilled binding " + drill.binding() + " does not serve "
                        + first.facts().subject() + " (scan again if it changed)", now);
            }
        }
        if (serving.isEmpty()) {
            return refused(request, "no endpoint serves " + first.facts().subject() + ": nothing to rotate (delete "
                    + "or let it expire)", now);
        }
        Map<BindingRecord.Key, BindingProbe> lastProbes = probes.latestOf(arns);
        RolloutPlan plan = RolloutPlan.of(serving, rules.waves());
        List<RotationBinding> bindings = new ArrayList<>();
        for (int wave = 0; wave < plan.waves().size(); wave++) {
            for (BindingRecord binding : plan.waves().get(wave)) {
                PlannedProbe probe = targets.plan(binding, Optional.of(recordByArn.get(binding.certificateArn())));
                List<Finding> before = Optional.ofNullable(lastProbes.get(binding.key())).map(BindingProbe::findings)
                        .orElse(List.of());
                bindings.add(RotationBinding.planned(bindings.size(), wave, SwapTarget.of(binding),
                        probe.target().map(target -> target.host()).orElse(null),
                        probe.target().map(target -> target.port()).orElse(binding.port()),
                        probe.target().flatMap(target -> target.sni()).orElse(null), before)
                        .withResult(BindingResult.PENDING, List.of(), probe.skippedReason().map(reason ->
                                "not probed: " + reason).orElse(null)));
            }
        }
        Instant notAfter = first.facts().notAfter();
        ChangeCalendar.Slot slot = rules.calendar().when(now, notAfter, rules.emergency());
        String id = request.rotationId() != null ? request.rotationId() : newId(now, first.certificateId());
        List<String> reasons = new ArrayList<>(request.reasons());
        if (reasons.isEmpty()) {
            reasons.add("requested by " + request.requestedBy());
        }
        if (drill != null && slot.at().isAfter(now)) {
            return refused(request, "a drill changes an endpoint, and the change calendar allows no change before "
                    + slot.at() + " (" + slot.reason() + "): run the drill then", now);
        }
        // A drill always ends restored and is asked for by a person at the console: nobody else approves it.
        RotationMode mode = rules.mode() == RotationMode.OFF || drill != null ? RotationMode.AUTO : rules.mode();
        Rotation rotation = new Rotation(id, first.certificateId(), first.facts().subject(),
                first.ownership().owner(), first.ownership().environment(), List.copyOf(arns),
                profile.name(), mode, rules.issuer(), rules.bake(), rules.canaryChecks(), rules.spike(),
                rules.approvers(), plan.waves().size(), RotationStatus.PLANNED, reasons, request.requestedBy(),
                request.replacementArn(), null, slot.at().isAfter(now) ? slot.at() : null, slot.bypassed(), null,
                null, List.of(), slot.reason(), now, now, null, drill);
        rotations.create(rotation, bindings);
        return rotations.load(id);
    }

    private static RotationSettings effectiveRules(RotationSettings profile, RotationRequest request) {
        RotationSettings.Builder rules = profile.toBuilder();
        if (request.replacementArn() != null) {
            rules.issuer(IssuerChoice.PROVIDED);
        } else if (request.issuer() != null) {
            rules.issuer(request.issuer());
        }
        if (request.waves() != null) {
            rules.waves(request.waves());
        }
        if (request.bake() != null) {
            rules.bake(request.bake());
        }
        if (request.canaryChecks() != null) {
            rules.canaryChecks(request.canaryChecks());
        }
        return rules.build();
    }

    /** The present, readable locations of the certificate the request names, oldest first. */
    private List<InventoryRecord> locations(RotationRequest request) {
        Optional<String> identity = request.sha256();
        if (identity.isEmpty()) {
            String arn = request.certificate().strip();
            identity = inventory.find(new InventoryQuery(Optional.empty(), Optional.empty(), accountOf(arn), false))
                    .stream().filter(record -> record.location().arn().equals(arn)).findFirst()
                    .map(InventoryRecord::certificateId);
        }
        return identity.map(inventory::locationsOf).orElse(List.of()).stream()
                .filter(record -> record.isActive() && record.isReadable())
                .sorted(Comparator.comparing(InventoryRecord::firstSeen)).toList();
    }

    /** The account of an ACM ({@code arn:aws:acm:region:account:...}) or IAM ({@code arn:aws:iam::account:...}) ARN. */
    static Optional<String> accountOf(String arn) {
        return CertificateArn.parse(arn).map(CertificateArn::accountId);
    }

    private Rotation refused(RotationRequest request, String why, Instant now) {
        String id = request.rotationId() != null ? request.rotationId()
                : newId(now, request.sha256().orElse("unknown0"));
        RotationSettings defaults = RotationSettings.ALERT_ONLY;
        Rotation rotation = new Rotation(id, request.sha256().orElse(""), null, null, null,
                List.of(request.certificate()), null,
                RotationMode.AUTO, defaults.issuer(), defaults.bake(), defaults.canaryChecks(), defaults.spike(),
                List.of(), 0, RotationStatus.REFUSED, request.reasons(), request.requestedBy(),
                request.replacementArn(), null, null, false, null, null, List.of(), why, now, now, now,
                request.drill());
        rotations.create(rotation, List.of());
        return rotation;
    }
}
