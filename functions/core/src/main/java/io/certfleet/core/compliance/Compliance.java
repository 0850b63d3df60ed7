package io.certfleet.core.compliance;

import java.util.Objects;

/** What compliance reads (the inventory API's use cases), wired once and handed to the API as a whole. */
public record Compliance(ListCertificates certificates, ListEndpoints endpoints, PageFindings findings,
                         PageRotations rotations, io.certfleet.core.rotation.RotationStore rotationStore,
                         io.certfleet.core.probe.fleet.ProbeResults probes, ComputeKpis kpis,
                         ExportCertificates export) {

    public Compliance {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(rotations, "rotations");
        Objects.requireNonNull(rotationStore, "rotationStore");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(kpis, "kpis");
        Objects.requireNonNull(export, "export");
    }
}
