package io.certfleet.core.conformance;

import io.certfleet.core.compliance.PageRotations;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.core.rotation.RequestRotations;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks a served certificate up in the inventory by its SHA-256 (the identity every location shares): where it is
 * stored and bound, the profile that governs it, whether its rotation is automated, and its rotation history.
 */
public final class InventoryStandings {

    private final InventoryRepository inventory;
    private final PageRotations rotations;
    private final PolicySet policies;

    public InventoryStandings(InventoryRepository inventory, PageRotations rotations, PolicySet policies) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** The standing of the certificate with this fingerprint; empty when no present location holds it. */
    public Optional<InventoryStanding> of(String sha256) {
        List<InventoryRecord> locations = inventory.locationsOf(sha256).stream().filter(InventoryRecord::isActive)
                .sorted(Comparator.comparing(record -> record.location().arn())).toList();
        if (locations.isEmpty()) {
            return Optional.empty();
        }
        Set<String> arns = locations.stream().map(record -> record.location().arn())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<BindingRecord> bindings = inventory.bindingsOf(arns).values().stream().flatMap(List::stream)
                .filter(BindingRecord::isActive)
                .sorted(Comparator.comparing((BindingRecord b) -> b.type().name()).thenComparing(BindingRecord::resourceId))
                .toList();
        InventoryRecord first = locations.getFirst();
        String environment = first.ownership().environment();
        TlsPolicy profile = policies.forEnvironment(environment);
        boolean renewedInPlace = locations.stream().allMatch(RequestRotations::renewedInPlace);
        Automation automation = automation(renewedInPlace, profile.rotation());
        Map<String, Rotation> history = new LinkedHashMap<>();
        arns.forEach(arn -> rotations.of(arn).forEach(rotation -> history.putIfAbsent(rotation.rotationId(),
                rotation)));
        List<Rotation> replacing = rotations.replacingWith(sha256);
        Optional<Rotation> arrivedBy = replacing.stream().filter(r -> r.status() == RotationStatus.SUCCEEDED)
                .findFirst().or(() -> replacing.stream().findFirst());
        return Optional.of(new InventoryStanding(sha256, locations, bindings, first.ownership().owner(), environment,
                profile.name(), automation, explain(automation, profile, renewedInPlace),
                history.values().stream().sorted(Comparator.comparing(Rotation::startedAt).reversed()).toList(),
                arrivedBy));
    }

    static Automation automation(boolean renewedInPlace, RotationSettings rules) {
        if (renewedInPlace) {
            return Automation.ACM_RENEWAL;
        }
        return switch (rules.mode()) {
            case OFF -> Automation.MANUAL;
            case AUTO -> rules.issuer().kind() == IssuerChoice.Kind.PROVIDED
                    ? Automation.OWNER_PROVIDES_REPLACEMENT : Automation.CERTFLEET_ROTATES;
            case APPROVE -> rules.issuer().kind() == IssuerChoice.Kind.PROVIDED
                    ? Automation.OWNER_PROVIDES_REPLACEMENT : Automation.CERTFLEET_ROTATES_AFTER_APPROVAL;
        };
    }

    private static String explain(Automation automation, TlsPolicy profile, boolean renewedInPlace) {
        RotationSettings rules = profile.rotation();
        String window = rules.rotateBefore().toDays() + " days before expiry";
        return switch (automation) {
            case ACM_RENEWAL -> "ACM renews this certificate in place (Amazon-issued or private CA); certfleet's "
                    + "probes check that each renewal reaches the wire";
            case CERTFLEET_ROTATES -> "profile " + profile.name() + " rotates it automatically " + window
                    + ": certfleet issues the replacement (" + rules.issuer().kind().label() + ") and swaps it in "
                    + rules.waves().size() + " wave(s), each proven by a canary handshake";
            case CERTFLEET_ROTATES_AFTER_APPROVAL -> "profile " + profile.name() + " rotates it " + window
                    + " once the owner or an approver approves; certfleet issues (" + rules.issuer().kind().label()
                    + ") and swaps it";
            case OWNER_PROVIDES_REPLACEMENT -> "profile " + profile.name() + " rolls a replacement out " + window
                    + ", but the replacement must be issued and imported by a person (issuer provided)";
            case MANUAL -> "profile " + profile.name() + " only alerts (rotation mode off): a person replaces it"
                    + (renewedInPlace ? "" : "; it is imported, so ACM does not renew it");
        };
    }
}
