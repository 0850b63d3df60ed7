package io.certfleet.core.discovery;

/** Why a source could not be read. */
public enum FailureReason {
    /** Credentials lack a permission, or a role could not be assumed. */
    ACCESS_DENIED,
    /** Throttling outlasted the retries. */
    THROTTLED,
    /** The service did not answer, or answered with a server error. */
    UNAVAILABLE,
    /** Anything else. */
    ERROR
}
