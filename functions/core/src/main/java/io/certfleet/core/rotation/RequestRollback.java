package io.certfleet.core.rotation;

import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    /** How many of the newest rotations an alarm is checked against (running ones are among the newest). */
    static final int RUNNING_LOOKBACK = 200;

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

    /** Asked for by a person or a tool: marked, and announced as a {@code RollbackRequested} event. */
    public Outcome rollback(String rotationId, String reason, String requestedBy) {
        return rollback(rotationId, reason, requestedBy, true);
    }

    /**
     * @param announce publish a {@code RollbackRequested} event (not when the request came as that event: the rule
     *                 that delivered it would deliver it again)
     */
    public Outcome rollback(String rotationId, String reason, String requestedBy, boolean announce) {
        Rotation rotation = rotations.find(rotationId).orElse(null);
        if (rotation == null) {
            return new Outcome(false, "no rotation " + rotationId);
        }
        if (rotation.status().finished()) {
            return new Outcome(false, "rotation " + rotationId + " already ended " + rotation.status()
                    + ": nothing to roll back");
        }
        if (rotation.rollbackRequested() != null) {
            return new Outcome(true, "rotation " + rotationId + " is already rolling back: "
                    + rotation.rollbackRequested());
        }
        Instant now = clock.instant();
        rotations.save(rotation.withRollbackRequested(reason + " (" + requestedBy + ")", now));
        if (announce) {
            events.publish(List.of(new CertfleetEvent(RotationEvents.ROLLBACK_REQUESTED, List.of(), Map.of(
                    "rotationId", rotationId, "reason", reason, "requestedBy", requestedBy))));
        }
        return new Outcome(true, "rotation " + rotationId + " will roll back at its next canary verdict");
    }

    /**
     * A CloudWatch alarm went into ALARM: every running rotation with a binding on a resource the alarm watches
     * (a dimension value such as {@code app/shop/50dc6c495c0c9188}, a Classic load balancer's name, a distribution
     * id, found in the binding's resource id) rolls back.
     */
    public List<Outcome> alarm(String alarmName, Collection<String> dimensionValues) {
        List<String> watched = dimensionValues.stream().filter(value -> value != null && value.length() >= 3)
                .distinct().toList();
        List<Outcome> outcomes = new ArrayList<>();
        if (watched.isEmpty()) {
            return outcomes;
        }
        for (Rotation rotation : rotations.list(RUNNING_LOOKBACK)) {
            if (rotation.status().finished()) {
                continue;
            }
            boolean affected = rotations.bindings(rotation.rotationId()).stream().anyMatch(binding -> watched
                    .stream().anyMatch(value -> binding.target().resourceId().contains(value)));
            if (affected) {
                outcomes.add(rollback(rotation.rotationId(), "alarm " + alarmName + " went into ALARM",
                        "cloudwatch"));
            }
        }
        return outcomes;
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
