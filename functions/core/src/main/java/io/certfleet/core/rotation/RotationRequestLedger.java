package io.certfleet.core.rotation;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: when the policy last asked for a certificate's rotation. A claim succeeds at most once per {@code every}
 * per certificate identity, so a certificate whose rotation cannot be done (no replacement yet) is asked for once a
 * day, not at every scan.
 */
public interface RotationRequestLedger {

    boolean claim(String sha256, Instant now, Duration every);

    /** Gives a claim back (the request could not be sent): the next run asks again. */
    void release(String sha256, Instant claimedAt);
}
