package io.certfleet.local.faults;

/** A fault the proxy answers an AWS call with instead of forwarding it. */
public enum FaultKind {
    /** HTTP 503 Service Unavailable. */
    SERVICE_UNAVAILABLE,
    /** HTTP 500 InternalFailure. */
    INTERNAL_ERROR,
    /** The called service's own throttling error (e.g. DynamoDB's ThrottlingException, ELB's Throttling). */
    THROTTLING,
    /** The connection is closed before any response. */
    DROPPED_CONNECTION,
    /**
     * The request reaches the emulator and is carried out, then the connection is closed before the response: the
     * client cannot tell it from a dropped request, and its retry repeats a call that already took effect.
     */
    RESPONSE_LOST
}
