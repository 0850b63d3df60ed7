package io.certfleet.core.rotation;

import io.certfleet.core.events.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: takes the lock for a planned rotation (every location of the certificate, all or none) and announces it;
 * refuses it, naming why, when another rotation holds the lock or the circuit breaker is open; asks for an approval
 * when its profile's mode says so. A retried start by the same rotation renews its own lease; a resumed one (after
 * an approval) goes on.
 */
public final class StartRotation {

    /** The lease a rotation holds, renewed at each wave; long enough for a bake and a CloudFront deployment. */
    public static final Duration LEASE = Duration.ofHours(2);

    private final RotationStore rotations;
    private final RotationLock lock;
    private final CircuitBreaker breaker;
    private final EventPublisher events;
    private final ApproveRotation approvals;
    private final Clock clock;

    public StartRotation(RotationStore rotations, RotationLock lock, CircuitBreaker breaker, EventPublisher events,
                         ApproveRotation approvals, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.events = Objects.requireNonNull(events, "events");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Rotation start(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.status().finished()) {
            return rotation;
        }
        Instant now = clock.instant();
        CircuitBreaker.State state = breaker.state();
        // A new rotation is refused; one that started before (resumed after an approval) waits at its Issue step.
        if (state.open() && !rotation.events().contains(RotationEvents.STARTED)) {
            Rotation refused = rotation.withStatus(RotationStatus.REFUSED, "the rotation circuit breaker is open "
                    + "since " + state.openedAt() + " (" + state.failures().size() + " recent failures): reset it "
                    + "with certfleet rotation breaker reset", now);
            rotations.save(refused);
            return refused;
        }
        Optional<String> holder = lock.acquire(rotation.certificateArns(), rotationId, LEASE);
        if (holder.isPresent()) {
            Rotation refused = rotation.withStatus(RotationStatus.REFUSED, "rotation " + holder.get()
                    + " holds the lock on this certificate", now);
            rotations.save(refused);
            return refused;
        }
        if (!rotation.events().contains(RotationEvents.STARTED)) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("requestedBy", rotation.requestedBy());
            extra.put("reasons", rotation.reasons());
            extra.put("waves", rotation.waves());
            extra.put("emergency", rotation.emergency());
            extra.put("notBefore", rotation.notBefore() == null ? null : rotation.notBefore().toString());
            events.publish(List.of(RotationEvents.of(RotationEvents.STARTED, rotation, now, extra)));
            rotation = rotation.withEvent(RotationEvents.STARTED, now);
            rotations.save(rotation);
        }
        if (ApproveRotation.needsApproval(rotation)) {
            return approvals.request(rotation); // waits (WAITING_APPROVAL) until someone decides
        }
        Rotation running = rotation.withStatus(rotation.notBefore() != null && rotation.notBefore().isAfter(now)
                ? RotationStatus.WAITING_WINDOW : RotationStatus.RUNNING, null, now);
        rotations.save(running);
        return running;
    }

    /** Renews the lease (between waves, so a long rollout keeps its lock). */
    public void renew(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        lock.acquire(rotation.certificateArns(), rotationId, LEASE);
    }
}
