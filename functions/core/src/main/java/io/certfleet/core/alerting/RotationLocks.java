package io.certfleet.core.alerting;

/** Port: whether a renewal or rotation of the certificate at an ARN is in progress (its alerts wait). */
public interface RotationLocks {

    RotationLocks NONE = arn -> false;

    boolean inProgress(String certificateArn);
}
