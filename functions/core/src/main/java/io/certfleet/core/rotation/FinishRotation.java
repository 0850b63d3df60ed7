package io.certfleet.core.rotation;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.events.EventPublisher;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyEvents;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.StoredFinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: the workflow's bookkeeping between and after the swaps. A wave is complete when each of its bindings
 * passed its canary (or was skipped); the rotation ends succeeded, rolled back (with the canaries' causes, the owner
 * told, the breaker counting it) or failed; the lock is released on every end. A drill always ends rolled back
 * (its canary passing the broken certificate is the drill's failure), and its rollback is expected: the owner is
 * told it was a drill, and neither the breaker nor the findings count it.
 */
public final class FinishRotation {

    /** A wave's result: whether to go on, and what failed. */
    public record WaveResult(boolean ok, boolean last, List<String> causes) {
        public WaveResult {
            causes = List.copyOf(causes);
        }
    }

    private final RotationStore rotations;
    private final EventPublisher events;
    private final OwnerNotifier owners;
    private final CircuitBreaker breaker;
    private final RotationLock lock;
    private final FindingStore findings;
    private final Clock clock;

    public FinishRotation(RotationStore rotations, EventPublisher events, OwnerNotifier owners,
                          CircuitBreaker breaker, RotationLock lock, FindingStore findings, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.events = Objects.requireNonNull(events, "events");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** After wave {@code wave} (from 0): complete when every binding passed or was skipped. */
    public WaveResult waveCompleted(String rotationId, int wave) {
        Rotation rotation = rotations.load(rotationId);
        List<RotationBinding> ofWave = rotations.bindings(rotationId).stream()
                .filter(binding -> binding.wave() == wave).toList();
        List<String> causes = new ArrayList<>();
        for (RotationBinding binding : ofWave) {
            if (binding.result() != BindingResult.SWAPPED && binding.result() != BindingResult.SKIPPED) {
                String why = binding.canary().isEmpty() ? String.valueOf(binding.detail())
                        : String.join("; ", binding.canary());
                causes.add(binding.target().describe() + ": " + why);
            }
        }
        if (rotation.rollbackRequested() != null && causes.isEmpty()) {
            causes.add("rollback requested: " + rotation.rollbackRequested());
        }
        boolean last = wave + 1 >= rotation.waves();
        if (rotation.drill() != null && causes.isEmpty() && last) {
            // A drill never keeps its broken certificate: a canary that passed it is the drill's finding.
            causes.add(notDetected(rotation));
        }
        boolean ok = causes.isEmpty();
        if (ok && !rotation.events().contains(RotationEvents.WAVE_COMPLETED + "#" + (wave + 1))) {
            Instant now = clock.instant();
            rotations.save(published(rotation, RotationEvents.WAVE_COMPLETED, now, Map.of("wave", wave + 1,
                    "waves", rotation.waves(), "bindings", RotationEvents.bindings(ofWave)), "#" + (wave + 1)));
        }
        return new WaveResult(ok, last, causes);
    }

    public Rotation succeeded(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.status().finished()) {
            return rotation;
        }
        Instant now = clock.instant();
        Rotation done = rotation.withStatus(RotationStatus.SUCCEEDED, "every binding serves the replacement and "
                + "passed its canary", now);
        List<RotationBinding> bindings = rotations.bindings(rotationId);
        done = published(done, RotationEvents.SUCCEEDED, now, Map.of("bindings", RotationEvents.bindings(bindings),
                "durationMs", Duration.between(rotation.startedAt(), now).toMillis()), "");
        rotations.save(done);
        resolveFailures(done, now);
        lock.release(rotation.certificateArns(), rotationId);
        return done;
    }

    /** The subject's CN (an SNS subject has 100 characters), else the whole subject. */
    private static String commonName(Rotation rotation) {
        return CertificateFacts.commonNameOf(rotation.subject()).orElse(String.valueOf(rotation.subject()));
    }

    private static String notDetected(Rotation drill) {
        return "drill: the canary passed a certificate that " + drill.drill().fault().description()
                + ": the fault was not detected; the binding is put back";
    }

    /** Every swapped binding was put back: the owner hears it (critical) and the breaker counts it. */
    public Rotation rolledBack(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.status().finished()) {
            return rotation;
        }
        Instant now = clock.instant();
        List<RotationBinding> bindings = rotations.bindings(rotationId);
        Set<String> causes = new LinkedHashSet<>();
        bindings.forEach(binding -> binding.canary().forEach(cause -> causes.add(binding.target().describe() + ": "
                + cause)));
        if (rotation.rollbackRequested() != null) {
            causes.add("rollback requested: " + rotation.rollbackRequested());
        }
        bindings.stream().filter(binding -> binding.result() == BindingResult.FAILED && binding.canary().isEmpty())
                .forEach(binding -> causes.add(binding.target().describe() + ": " + binding.detail()));
        if (rotation.drill() != null && causes.isEmpty()) {
            causes.add(notDetected(rotation));
        }
        Rotation done = published(rotation.withStatus(RotationStatus.ROLLED_BACK, String.join("; ", causes), now),
                RotationEvents.ROLLED_BACK, now, Map.of("causes", List.copyOf(causes),
                        "bindings", RotationEvents.bindings(bindings)), "");
        rotations.save(done);
        if (done.drill() != null) {
            // An expected rollback: no finding on a sound certificate, no count towards the breaker.
            owners.notify(message(done, "critical", "[certfleet drill: " + done.drill().fault() + "] rotation of "
                    + commonName(done) + " rolled back", "This is a drill: certfleet rotated a "
                    + "certificate that " + done.drill().fault().description() + " into " + done.drill().binding()
                    + " and put the old certificate back.\n\nWhy it was rolled back:\n  "
                    + String.join("\n  ", causes) + "\n\nNothing to do. Rotation " + rotationId
                    + ": certfleet rotation show " + rotationId));
            lock.release(rotation.certificateArns(), rotationId);
            return done;
        }
        openFailure(done, "rotation " + rotationId + " was rolled back: " + String.join("; ", causes), now);
        owners.notify(message(done, "critical", "[certfleet critical] rotation of " + done.subject()
                + " rolled back", "certfleet put the old certificate back on every endpoint it had swapped.\n\n"
                + "Why:\n  " + String.join("\n  ", causes) + "\n\nThe replacement " + done.replacementArn()
                + " stays in ACM for inspection. Rotation " + rotationId + ": certfleet rotation show " + rotationId));
        if (breaker.recordFailure(rotationId, now)) {
            CircuitBreaker.State state = breaker.state();
            events.publish(List.of(new CertfleetEvent(RotationEvents.CIRCUIT_OPENED, List.of(), Map.of(
                    "openedAt", now.toString(), "failures", state.failures().stream().map(failure -> Map.of(
                            "rotationId", failure.rotationId(), "at", failure.at().toString())).toList()))));
            owners.notify(new OwnerMessage("[certfleet critical] rotation circuit breaker opened", "Rotations failed "
                    + state.failures().size() + " times in a row within the breaker's window; certfleet starts no "
                    + "new rotation until someone runs: certfleet rotation breaker reset",
                    Map.of("owner", "certfleet", "severity", "critical", "code", "CIRCUIT_OPENED")));
        }
        lock.release(rotation.certificateArns(), rotationId);
        return done;
    }

    /** It could not be done, nothing left swapped (issue or preflight failed, a step kept failing). */
    public Rotation failed(String rotationId, String why) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.status().finished()) {
            lock.release(rotation.certificateArns(), rotationId);
            return rotation;
        }
        Instant now = clock.instant();
        Rotation done = published(rotation.withStatus(RotationStatus.FAILED, why, now), RotationEvents.FAILED, now,
                Map.of("causes", List.of(why)), "");
        rotations.save(done);
        if (done.drill() == null) {
            openFailure(done, "rotation " + rotationId + " failed: " + why, now);
        }
        String label = done.drill() == null ? "[certfleet high]" : "[certfleet drill: " + done.drill().fault() + "]";
        owners.notify(message(done, "high", label + " rotation of " + done.subject() + " failed",
                "certfleet could not rotate " + done.subject() + " and swapped nothing.\n\nWhy: " + why
                        + "\n\nRotation " + rotationId + ": certfleet rotation show " + rotationId));
        lock.release(rotation.certificateArns(), rotationId);
        return done;
    }

    /**
     * A local run that would wait for a change window or an approval ends instead
     * ({@link RotationStatus#WAITING_WINDOW}, {@link RotationStatus#WAITING_APPROVAL}), its lock released: resume it
     * later, or let the deployed workflow wait by itself.
     */
    public Rotation detached(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.status().finished()) {
            return rotation;
        }
        Rotation waiting = rotation.status() == RotationStatus.WAITING_APPROVAL
                ? rotation.withStatus(RotationStatus.WAITING_APPROVAL, "waits for an approval until "
                        + rotation.approval().deadline() + ": after it, certfleet rotate --resume "
                        + rotationId, clock.instant())
                : rotation.status() == RotationStatus.WAITING_ISSUE
                ? rotation.withStatus(RotationStatus.WAITING_ISSUE, rotation.reason() + " (go on with certfleet "
                        + "rotate --resume " + rotationId + "; the deployed workflow asks again by itself)",
                        clock.instant())
                : rotation.withStatus(RotationStatus.WAITING_WINDOW, "outside the change windows: the rotation "
                        + "may swap from " + rotation.notBefore() + " (run it again then; the deployed workflow "
                        + "waits by itself)", clock.instant());
        rotations.save(waiting);
        lock.release(rotation.certificateArns(), rotationId);
        return waiting;
    }

    /**
     * A {@code ROTATION_FAILED} finding on the certificate (its first location's account-region), with its
     * {@code PolicyViolation} event: open until a rotation of it succeeds.
     */
    private void openFailure(Rotation rotation, String detail, Instant now) {
        Optional<ScanScope> scope = scopeOf(rotation);
        if (scope.isEmpty()) {
            return;
        }
        PolicyFinding finding = new PolicyFinding(scope.get(), rotation.certificateArns().getFirst(),
                PolicyFinding.CERTIFICATE, FindingCode.ROTATION_FAILED, FindingCode.ROTATION_FAILED.defaultSeverity(),
                detail, Side.ROTATION, rotation.profile() == null ? "" : rotation.profile(),
                rotation.owner() == null ? "" : rotation.owner(),
                rotation.environment() == null ? "" : rotation.environment());
        boolean alreadyOpen = findings.open(scope.get()).stream()
                .anyMatch(stored -> stored.finding().key().equals(finding.key()));
        findings.seen(List.of(finding), now);
        if (!alreadyOpen) {
            events.publish(PolicyEvents.of(List.of(finding), List.of(), List.of(), now));
        }
    }

    /** A successful rotation resolves the certificate's earlier {@code ROTATION_FAILED} findings. */
    private void resolveFailures(Rotation rotation, Instant now) {
        Optional<ScanScope> scope = scopeOf(rotation);
        if (scope.isEmpty()) {
            return;
        }
        List<StoredFinding> failed = findings.open(scope.get()).stream()
                .filter(stored -> stored.finding().code() == FindingCode.ROTATION_FAILED
                        && rotation.certificateArns().contains(stored.finding().certificateArn())).toList();
        if (!failed.isEmpty()) {
            findings.resolved(failed, now);
            events.publish(PolicyEvents.of(List.of(), failed, List.of(), now));
        }
    }

    /** The account-region of the rotation's first location: {@code arn:aws:acm:REGION:ACCOUNT:...}, IAM global. */
    static Optional<ScanScope> scopeOf(Rotation rotation) {
        if (rotation.certificateArns().isEmpty()) {
            return Optional.empty();
        }
        return CertificateArn.parse(rotation.certificateArns().getFirst()).map(CertificateArn::scope);
    }

    /** Publishes the event; the rotation with it recorded, for the caller's one write. */
    private Rotation published(Rotation rotation, String type, Instant at, Map<String, Object> extra, String marker) {
        events.publish(List.of(RotationEvents.of(type, rotation, at, extra)));
        return rotation.withEvent(type + marker, at);
    }

    private static OwnerMessage message(Rotation rotation, String severity, String subject, String body) {
        return new OwnerMessage(subject, body, RotationEvents.ownerAttributes(rotation, severity,
                FindingCode.ROTATION_FAILED.name()));
    }
}
