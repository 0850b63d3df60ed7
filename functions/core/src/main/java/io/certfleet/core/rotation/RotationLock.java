package io.certfleet.core.rotation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Port: one rotation per certificate identity at a time. The lock covers every location of the certificate at once
 * (all or none), is held for a lease that the rotation renews while it runs, and holds back expiry alerts.
 */
public interface RotationLock {

    /** Takes (or renews, for the same holder) the lock on every ARN; the other holder's id when it is taken. */
    Optional<String> acquire(List<String> certificateArns, String holder, Duration lease);

    /** Gives up what this holder has; another holder's lock stays. */
    void release(List<String> certificateArns, String holder);
}
