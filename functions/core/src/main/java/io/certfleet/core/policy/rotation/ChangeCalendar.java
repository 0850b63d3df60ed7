package io.certfleet.core.policy.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a rotation may swap: inside a change window (any, when there are none) and outside every freeze. Within the
 * emergency margin of expiry, or once expired, neither holds it back. The answer is an instant to wait for (a Wait
 * state's timestamp), never a polling loop.
 */
public record ChangeCalendar(List<ChangeWindow> windows, List<Freeze> freezes) {

    /** No windows, no freezes: any time. */
    public static final ChangeCalendar ANY_TIME = new ChangeCalendar(List.of(), List.of());
    /** How far ahead a calendar is searched: past this, no window ever opens (a broken calendar). */
    static final Duration HORIZON = Duration.ofDays(800);

    public ChangeCalendar {
        windows = List.copyOf(windows);
        freezes = List.copyOf(freezes);
    }

    /** What the calendar says for a rotation at {@code now} of a certificate expiring at {@code notAfter}. */
    public record Slot(Instant at, boolean bypassed, String reason) {
    }

    public Slot when(Instant now, Instant notAfter, Duration emergency) {
        if (!now.isBefore(notAfter.minus(emergency))) {
            boolean constrained = !windows.isEmpty() || !freezes.isEmpty();
            return new Slot(now, constrained, constrained ? "within " + emergency.toDays() + " days of expiry (or "
                    + "expired): change windows and freezes do not apply" : "any time");
        }
        Optional<Instant> next = nextAllowed(now);
        Instant emergencyStart = notAfter.minus(emergency);
        if (next.isEmpty() || next.get().isAfter(emergencyStart)) {
            return new Slot(emergencyStart, true, "no change window opens before the emergency margin ("
                    + emergencyStart + "): the rotation runs then");
        }
        return new Slot(next.get(), false, next.get().equals(now) ? "inside a change window"
                : "waits for the next change window");
    }

    /** The first allowed moment at or after {@code from}, within {@link #HORIZON}; empty when there is none. */
    public Optional<Instant> nextAllowed(Instant from) {
        ZonedDateTime time = from.atZone(ZoneOffset.UTC);
        ZonedDateTime horizon = time.plus(HORIZON);
        while (!time.isAfter(horizon)) {
            ZonedDateTime candidate = earliestOpening(time);
            Optional<Freeze> frozen = freezes.stream().filter(freeze -> freeze.covers(candidate)).findFirst();
            if (frozen.isEmpty()) {
                return Optional.of(candidate.toInstant());
            }
            time = frozen.get().end();
        }
        return Optional.empty();
    }

    /** {@code time} itself when there are no windows, else the earliest window opening at or after it. */
    private ZonedDateTime earliestOpening(ZonedDateTime time) {
        return windows.isEmpty() ? time : windows.stream().map(window -> window.nextOpening(time))
                .min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * A calendar under which a certificate could never be rotated in time: no allowed moment within the horizon
     * (every window frozen). A policy check reports it.
     */
    public Optional<String> impossible(Instant from) {
        return nextAllowed(from).isPresent() ? Optional.empty()
                : Optional.of("no change window opens outside the freezes within " + HORIZON.toDays() + " days");
    }
}
