package io.certfleet.core.alerting;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert to a certificate's owners: the certificate at every location it was imported to (same fingerprint,
 * same owner), every endpoint that serves it there, the threshold reached.
 *
 * @param profile   the policy profile whose thresholds and severities applied
 * @param threshold the days-left threshold reached; negative once expired (the day since expiry)
 * @param code      {@code EXPIRING_SOON} or {@code EXPIRED}
 * @param acmRenewalProblem what ACM reported about its managed renewal ({@code FAILED: CAA_ERROR}), if it did
 */
public record ExpiryAlert(List<InventoryRecord> records, List<BindingRecord> bindings, String profile,
                          long threshold, long daysLeft,
                          FindingCode code, Severity severity, Optional<String> acmRenewalProblem,
                          Instant evaluatedAt) {

    public ExpiryAlert {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an alert is about at least one location of a certificate");
        }
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(acmRenewalProblem, "acmRenewalProblem");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    }

    /** The first location: its facts and owner are every location's (same certificate, same owner). */
    public InventoryRecord record() {
        return records.getFirst();
    }

    public boolean expired() {
        return code == FindingCode.EXPIRED;
    }

    public Instant notAfter() {
        return record().facts().notAfter();
    }
}
