package io.certfleet.core.alerting;

/** Port: tells a certificate's owners something (the alert topic in AWS). */
public interface OwnerNotifier {

    /** For deployments without an alert topic: what would be said is in the events only. */
    OwnerNotifier NONE = message -> { };

    void notify(OwnerMessage message);
}
