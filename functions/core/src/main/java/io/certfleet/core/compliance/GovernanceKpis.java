package io.certfleet.core.compliance;

import io.certfleet.core.finding.Severity;
import io.certfleet.core.fleet.ScanCoverage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The governance KPIs of the fleet, or of the part a {@link KpiFilter} selects, computed from the inventory (each
 * definition is in the README). A ratio whose denominator is zero is empty: nothing measured is not 100 %.
 */
public record GovernanceKpis(Instant computedAt, KpiFilter filter, Inventory inventory, Handshakes handshakes,
                             Policy policy, Rotations rotations, Lifetimes lifetimes, Expiry expiry,
                             Findings findings) {

    /** A count out of a total, and their ratio (empty when the total is zero). */
    public record Share(long count, long total) {
        public Optional<Double> ratio() {
            return total == 0 ? Optional.empty() : Optional.of((double) count / total);
        }
    }

    /**
     * @param coverage the latest finished scan's (fleet-wide whatever the filter); empty when no scan finished
     * @param ownedEndpoints endpoints whose certificate has an owner other than the default one
     */
    public record Inventory(long certificates, long endpoints, Optional<ScanCoverage> coverage,
                            Share ownedEndpoints) {
    }

    /** @param success endpoints whose latest probe passed, out of those probed */
    public record Handshakes(Share success, List<OwnerHandshakes> byOwner) {
    }

    public record OwnerHandshakes(String owner, Share success) {
    }

    /**
     * @param meetingPolicy endpoints with no open finding of severity high or worse (about the endpoint or the
     *                      certificate it serves)
     * @param allowedSecurityPolicy endpoints with no open finding that their security policy is not allowed or unknown
     */
    public record Policy(Share meetingPolicy, Share allowedSecurityPolicy) {
    }

    /**
     * Time from a rotation's start to its success, over the rotations that succeeded.
     *
     * @param meanSeconds empty when none succeeded
     * @param p90Seconds  nearest-rank 90th percentile; empty when none succeeded
     * @param failedLastHour rotations that failed or were rolled back within the hour before the computation
     */
    public record Rotations(long succeeded, long failed, long rolledBack, Optional<Long> meanSeconds,
                            Optional<Long> p90Seconds, long failedLastHour) {
    }

    /**
     * @param shortLived        readable certificates valid for at most {@value ComputeKpis#SHORT_LIVED_DAYS} days
     * @param rotationsPerMonth the forecast: today's lifetimes, then every certificate at 200, 100 and 47 days
     */
    public record Lifetimes(Share shortLived, Map<String, Double> rotationsPerMonth) {
    }

    /**
     * Present certificates by days to expiry, each bucket apart from the others.
     *
     * @param expiredInUse expired certificates that an endpoint still serves
     */
    public record Expiry(long expired, long days0To7, long days8To30, long days31To90, long later, long unreadable,
                         long expiredInUse) {
    }

    public record Findings(long open, Map<Severity, Long> bySeverity, List<OwnerFindings> byOwner) {
    }

    public record OwnerFindings(String owner, Map<Severity, Long> bySeverity, long total) {
    }
}
