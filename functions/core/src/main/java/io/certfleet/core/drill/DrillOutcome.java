package io.certfleet.core.drill;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.CanaryObservation;
import io.certfleet.core.rotation.CanaryVerdict;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished drill proved, read from its rotation: whether the canary caught the broken certificate and by the
 * planted fault's own finding, when (time to detect: from the swap to the first canary check that failed), and
 * whether the rollback put the old certificate back on the wire (time to recover: from that check to the rotation's
 * end, the old certificate verified served).
 *
 * @param detected        the canary failed the binding
 * @param byPlantedFault  among its causes is a finding the fault is expected to raise ({@link DrillFault#expected})
 * @param causes          the canary's causes
 * @param preflight       what the preflight said of the broken certificate (a second line of defence)
 * @param swappedAt       when the broken certificate was put on the binding; null if it never was
 * @param detectedAt      the first failing canary check; null if none failed
 * @param finishedAt      when the rotation ended (rolled back and verified)
 * @param restoredOnWire  after the rollback, the binding serves the old certificate again (one probe)
 * @param restoreDetail   what the rollback's check saw
 */
public record DrillOutcome(DrillSpec drill, RotationStatus status, boolean detected, boolean byPlantedFault,
                           List<String> causes, List<String> preflight, Instant swappedAt, Instant detectedAt,
                           Instant finishedAt, boolean restoredOnWire, String restoreDetail) {

    public DrillOutcome {
        Objects.requireNonNull(drill, "drill");
        causes = List.copyOf(causes);
        preflight = List.copyOf(preflight);
    }

    /** The drill's rotation and its (one) binding, once the workflow ended. */
    public static DrillOutcome of(Rotation rotation, RotationBinding binding) {
        if (rotation.drill() == null) {
            throw new IllegalArgumentException("rotation " + rotation.rotationId() + " is no drill");
        }
        List<String> causes = binding.canary();
        boolean detected = !causes.isEmpty();
        boolean planted = causes.stream().anyMatch(cause -> rotation.drill().fault().expected().stream()
                .map(FindingCode::name).anyMatch(cause::startsWith));
        Instant detectedAt = detected ? firstFailingCheck(rotation, binding).orElse(null) : null;
        boolean restored = binding.result() == BindingResult.ROLLED_BACK && binding.detail() != null
                && binding.detail().startsWith("put back, and the old certificate is served again");
        return new DrillOutcome(rotation.drill(), rotation.status(), detected, planted, causes,
                rotation.drill().preflight(), binding.swappedAt(), detectedAt, rotation.finishedAt(), restored,
                binding.detail());
    }

    /** The first check after which the canary's verdict is a failure (the same rule as the canary's judgement). */
    private static Optional<Instant> firstFailingCheck(Rotation rotation, RotationBinding binding) {
        List<CanaryObservation> checks = binding.checks();
        if (rotation.replacementSha256() == null) {
            return Optional.empty();
        }
        for (int i = 1; i <= checks.size(); i++) {
            if (!CanaryVerdict.judgeObserved(rotation.replacementSha256(), binding.findingsBefore(),
                    checks.subList(0, i), null, rotation.spike()).passed()) {
                return Optional.of(checks.get(i - 1).at());
            }
        }
        return Optional.empty();
    }

    /** From the swap to the first failing check; empty when nothing was swapped or detected. */
    public Optional<Duration> timeToDetect() {
        return swappedAt == null || detectedAt == null ? Optional.empty()
                : Optional.of(Duration.between(swappedAt, detectedAt));
    }

    /** From detection (or the swap, when nothing was detected) to the verified end of the rollback. */
    public Optional<Duration> timeToRecover() {
        Instant from = detectedAt != null ? detectedAt : swappedAt;
        return from == null || finishedAt == null ? Optional.empty() : Optional.of(Duration.between(from, finishedAt));
    }

    /** How long the broken certificate was on the binding, at most: from the swap to the verified restore. */
    public Optional<Duration> exposure() {
        return swappedAt == null || finishedAt == null ? Optional.empty()
                : Optional.of(Duration.between(swappedAt, finishedAt));
    }

    /** The canary caught it and the rollback put the old certificate back on the wire. */
    public boolean proven() {
        return status == RotationStatus.ROLLED_BACK && detected && restoredOnWire;
    }
}
