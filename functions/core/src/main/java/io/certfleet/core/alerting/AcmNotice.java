package io.certfleet.core.alerting;

import java.util.Objects;
import java.util.Optional;

/**
 * ACM's own word about a certificate, from its EventBridge events: it is approaching expiration (ACM says so
 * daily from 45 days out), or its managed renewal needs action (validation records missing, a CAA record
 * forbidding Amazon, ...). certfleet turns them into its own alerts, once per threshold, never one a day.
 *
 * @param renewalStatus       ACM's renewal status ({@code PENDING_VALIDATION}, {@code FAILED}), when it said
 * @param renewalStatusReason why, e.g. {@code CAA_ERROR}, when it said
 */
public record AcmNotice(String certificateArn, Kind kind, Optional<String> renewalStatus,
                        Optional<String> renewalStatusReason) {

    public enum Kind { APPROACHING_EXPIRATION, RENEWAL_ACTION_REQUIRED }

    public AcmNotice {
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(renewalStatus, "renewalStatus");
        Objects.requireNonNull(renewalStatusReason, "renewalStatusReason");
    }

    /** The account of the certificate's ARN ({@code arn:aws:acm:region:account:certificate/id}). */
    public Optional<String> accountId() {
        String[] parts = certificateArn.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    /** What ACM reports, for the alert: {@code FAILED: CAA_ERROR}. */
    public Optional<String> renewalProblem() {
        if (kind != Kind.RENEWAL_ACTION_REQUIRED) {
            return Optional.empty();
        }
        String status = renewalStatus.orElse("ACTION_REQUIRED");
        return Optional.of(renewalStatusReason.map(reason -> status + ": " + reason).orElse(status));
    }
}
