package io.certfleet.core.probe.fleet;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.probe.ProbeTarget;
import java.util.Objects;
import java.util.Optional;

/**
 * How one binding will be probed: the target and the fingerprint it must serve, under which policy; or why it
 * cannot be.
 *
 * @param environment the certificate's environment, which picks the policy profile
 */
public record PlannedProbe(BindingRecord binding, Optional<ProbeTarget> target, Optional<String> expectedSha256,
                           String environment, Optional<String> skippedReason) {

    public PlannedProbe {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(environment, "environment");
        if (target.isPresent() == skippedReason.isPresent()) {
            throw new IllegalArgumentException("a planned probe has a target or a reason to skip, not both");
        }
    }

    public static PlannedProbe probe(BindingRecord binding, ProbeTarget target, Optional<String> expectedSha256,
                                     String environment) {
        return new PlannedProbe(binding, Optional.of(target), expectedSha256, environment, Optional.empty());
    }

    public static PlannedProbe skip(BindingRecord binding, String environment, String reason) {
        return new PlannedProbe(binding, Optional.empty(), Optional.empty(), environment, Optional.of(reason));
    }
}
