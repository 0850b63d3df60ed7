package io.certfleet.core.policy.rotation;

/** What a profile lets certfleet do when a certificate needs replacing. */
public enum RotationMode {
    /** Rotate without asking. */
    AUTO,
    /** Ask the owner and the approvers first (separation of duties). */
    APPROVE,
    /** Only alert. */
    OFF
}
