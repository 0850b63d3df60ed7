package io.certfleet.core.rotation;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.probe.Diagnosis;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One canary check of a swapped binding, as much of the probe's diagnosis as the verdict needs (it is stored with
 * the binding between the checks of a bake).
 *
 * @param servedSha256 the leaf served; null when none was (the handshake failed)
 * @param error        why the handshake failed; null when it did not
 */
public record CanaryObservation(Instant at, String servedSha256, List<Finding> findings, String error) {

    public CanaryObservation {
        Objects.requireNonNull(at, "at");
        findings = List.copyOf(findings);
    }

    public static CanaryObservation of(Diagnosis diagnosis, Instant at) {
        return new CanaryObservation(at, diagnosis.leaf().map(leaf -> leaf.sha256()).orElse(null),
                diagnosis.findings(), diagnosis.error().orElse(null));
    }
}
