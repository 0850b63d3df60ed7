package io.certfleet.core.rotation;

/** Where a rotation stands. The last five end it. */
public enum RotationStatus {
    /** Planned (a dry run ends here). */
    PLANNED,
    /** Waiting for an approver's decision. */
    WAITING_APPROVAL,
    /** Waiting for a change window. */
    WAITING_WINDOW,
    /** Nothing swapped yet, waiting before the swaps: for ACM's DNS validation of the replacement, or for the
     *  rotation circuit breaker to close. */
    WAITING_ISSUE,
    /** Issuing, swapping, proving. */
    RUNNING,
    SUCCEEDED,
    /** A canary failed (or a rollback was asked for): every swapped binding was put back. */
    ROLLED_BACK,
    /** It could not be done (issue, preflight or a step failed); nothing is left half swapped. */
    FAILED,
    /** Not started: the lock is held, the breaker is open, approval was refused, or the request is wrong. */
    REFUSED,
    /** An approval never came before its deadline, or the rotation was rejected. */
    REJECTED;

    public boolean finished() {
        return ordinal() >= SUCCEEDED.ordinal();
    }
}
