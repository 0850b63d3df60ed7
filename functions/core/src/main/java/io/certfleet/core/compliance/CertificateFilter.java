package io.certfleet.core.compliance;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.FindingHistory;
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

    /** Whether the entry passes, given the open findings of its certificate (at this location). */
    public boolean matches(InventoryEntry entry, Collection<FindingHistory> openFindings) {
        InventoryRecord record = entry.record();
        return owner.map(record.ownership().owner()::equals).orElse(true)
                && environment.map(record.ownership().environment()::equals).orElse(true)
                && account.map(record.location().accountId()::equals).orElse(true)
                && region.map(record.location().region()::equals).orElse(true)
                && status.map(record.status()::equals).orElse(true)
                && expiringWithinDays.map(days -> entry.daysToExpiry() != null && entry.daysToExpiry() <= days)
                .orElse(true)
                && code.map(wanted -> openFindings.stream().anyMatch(found -> found.finding().code() == wanted))
                .orElse(true)
                && minimumSeverity.map(least -> openFindings.stream().anyMatch(found -> found.finding().severity()
                .compareTo(least) >= 0)).orElse(true);
    }
}
