package io.certfleet.core.compliance;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListingRange;
import io.certfleet.core.policy.FindingHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The compliance filters of a certificate listing (the inventory API's {@code GET /certificates}): empty fields do
 * not filter. {@code code} and {@code minimumSeverity} select certificates with an open finding of that code or at
 * least that severity.
 */
public record CertificateFilter(Optional<String> owner, Optional<String> environment, Optional<String> account,
                                Optional<String> region, Optional<String> status, Optional<Long> expiringWithinDays,
                                Optional<FindingCode> code, Optional<Severity> minimumSeverity) {

    public static final CertificateFilter NONE = new CertificateFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public CertificateFilter {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiringWithinDays, "expiringWithinDays");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(minimumSeverity, "minimumSeverity");
    }

    /** The part of the filter a storage index can narrow a walk to (a superset of what {@link #matches} passes). */
    public ListingRange range(Clock clock) {
        // daysToExpiry <= d exactly when notAfter is before now (whole seconds) + d + 1 days
        Optional<Instant> before = expiringWithinDays.map(days -> Instant.ofEpochSecond(clock.instant()
                .getEpochSecond()).plus(Duration.ofDays(days + 1)));
        return new ListingRange(owner, owner.isPresent() ? Optional.empty() : status, before);
    }

    /** Whether the filter looks at findings (then callers pass each certificate's open findings). */
    public boolean needsFindings() {
        return code.isPresent() || minimumSeverity.isPresent();
    }

    /** Whether the filter needs more than {@link #range} (then a walk reads more records than it returns). */
    public boolean narrowsBeyondRange() {
        return environment.isPresent() || account.isPresent() || region.isPresent() || needsFindings()
                || owner.isPresent() && status.isPresent();
    }

    /** Whether the record passes, given its days to expiry and the open findings about it. */
    public boolean matches(InventoryRecord record, Long daysToExpiry, Collection<FindingHistory> openFindings) {
        return owner.map(record.ownership().owner()::equals).orElse(true)
                && environment.map(record.ownership().environment()::equals).orElse(true)
                && account.map(record.location().accountId()::equals).orElse(true)
                && region.map(record.location().region()::equals).orElse(true)
                && status.map(record.status()::equals).orElse(true)
                && expiringWithinDays.map(days -> daysToExpiry != null && daysToExpiry <= days).orElse(true)
                && code.map(wanted -> openFindings.stream().anyMatch(found -> found.finding().code() == wanted))
                .orElse(true)
                && minimumSeverity.map(least -> openFindings.stream().anyMatch(found -> found.finding().severity()
                .compareTo(least) >= 0)).orElse(true);
    }
}
