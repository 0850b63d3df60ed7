package io.certfleet.core.rotation;

import java.time.Instant;
import java.util.List;

/**
 * Port: the fleet-wide circuit breaker. Enough rotations failing within a window opens it; while it is open,
 * rotations that have not swapped anything wait; a person closes it.
 */
public interface CircuitBreaker {

    /** The breaker as stored: open or not, since when, and the recent failures it counts. */
    record State(boolean open, Instant openedAt, List<Failure> failures) {
        public State {
            failures = List.copyOf(failures);
        }
    }

    record Failure(String rotationId, Instant at) {
    }

    State state();

    /** Counts a failed (rolled back) rotation; true when this failure opened the breaker. */
    boolean recordFailure(String rotationId, Instant at);

    /** Closes it; false when it was not open. */
    boolean reset(String by, Instant at);
}
