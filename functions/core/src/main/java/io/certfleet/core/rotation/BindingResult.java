package io.certfleet.core.rotation;

/** What a rotation did to one binding. */
public enum BindingResult {
    /** Not reached yet. */
    PENDING,
    /** Serves the replacement, and its canary passed. */
    SWAPPED,
    /** Was swapped, then put back (its own canary failed, or another's). */
    ROLLED_BACK,
    /** Left alone, with the reason (no replacement in its account-region, removed since the plan). */
    SKIPPED,
    /** The swap or its restore failed: the detail says what the binding serves now. */
    FAILED
}
