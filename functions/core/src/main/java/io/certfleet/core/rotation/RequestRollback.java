package io.certfleet.core.rotation;

import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: a rollback asked for from outside (a person, another tool, an alarm). The rotation is marked: its next
 * canary verdict fails with the reason and the workflow puts back every binding it swapped. A finished rotation is
 * left as it is. The breaker is reset the same way, by a person.
 */
public final class RequestRollback {

    /** What became of the request. */
    public record Outcome(boolean accepted, String message) {
    }

    private final RotationStore rotations;
    private final CircuitBreaker breaker;
    private final EventPublisher events;
    private final Clock clock;

    public RequestRollback(RotationStore rotations, CircuitBreaker breaker, EventPublisher events, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome rollback(String rotationId, String reason, String requestedBy) {
        Rotation rotation = rotations.find(rotationId).orElse(null);
        if (rotation == null) {
            return new Outcome(false, "no rotation " + rotationId);
        }
        if (rotation.status().finished()) {
            return new Outcome(false, "rotation " + rotationId + " already ended " + rotation.status()
                    + ": nothing to roll back");
        }
        Instant now = clock.instant();
        rotations.save(rotation.withRollbackRequested(reason + " (" + requestedBy + ")", now));
        events.publish(List.of(new CertfleetEvent(RotationEvents.ROLLBACK_REQUESTED, List.of(), Map.of(
                "rotationId", rotationId, "reason", reason, "requestedBy", requestedBy))));
        return new Outcome(true, "rotation " + rotationId + " will roll back at its next canary verdict");
    }

    public Outcome resetBreaker(String by) {
        Instant now = clock.instant();
        if (!breaker.reset(by, now)) {
            return new Outcome(false, "the circuit breaker is not open");
        }
        events.publish(List.of(new CertfleetEvent(RotationEvents.CIRCUIT_CLOSED, List.of(), Map.of(
                "closedAt", now.toString(), "by", by))));
        return new Outcome(true, "the circuit breaker is closed: rotations start again");
    }
}
