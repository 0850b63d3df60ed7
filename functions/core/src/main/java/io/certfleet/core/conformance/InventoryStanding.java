package io.certfleet.core.conformance;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.rotation.Rotation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the inventory knows of the certificate an endpoint served: where it is stored, where it is bound, who owns
 * it, which profile governs it, whether its rotation is automated, and its rotation history.
 *
 * @param locations   where the certificate is stored (present locations; ACM or IAM, across accounts and regions)
 * @param bindings    the endpoints it is bound to (present bindings)
 * @param profile     the profile its environment maps to
 * @param explanation why the automation is what it is, for people
 * @param rotations   rotations that replaced (or tried to replace) this certificate, newest first
 * @param arrivedBy   the rotation that put this certificate in place, when certfleet did
 */
public record InventoryStanding(String certificateId, List<InventoryRecord> locations, List<BindingRecord> bindings,
                                String owner, String environment, String profile, Automation automation,
                                String explanation, List<Rotation> rotations, Optional<Rotation> arrivedBy) {

    public InventoryStanding {
        Objects.requireNonNull(certificateId, "certificateId");
        locations = List.copyOf(locations);
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(automation, "automation");
        Objects.requireNonNull(explanation, "explanation");
        rotations = List.copyOf(rotations);
        Objects.requireNonNull(arrivedBy, "arrivedBy");
    }
}
