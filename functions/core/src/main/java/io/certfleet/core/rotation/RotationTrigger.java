package io.certfleet.core.rotation;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a certificate should be replaced now, and why: inside its profile's rotation window, or with a finding a
 * replacement fixes. ACM-managed certificates (renewed in place by ACM at the same ARN) are never rotated by
 * certfleet; whether their renewal reached the wire is the probe's business.
 */
public final class RotationTrigger {

    /** Findings a new certificate fixes (the replacement is imported with its full chain). */
    public static final Set<FindingCode> FIXED_BY_REPLACEMENT = Set.of(FindingCode.EXPIRED, FindingCode.WEAK_KEY,
            FindingCode.WEAK_SIGNATURE, FindingCode.KEY_TYPE_NOT_ALLOWED, FindingCode.SIGNATURE_NOT_ALLOWED,
            FindingCode.VALIDITY_TOO_LONG, FindingCode.INCOMPLETE_CHAIN);

    private RotationTrigger() {
    }

    /**
     * The decision for one certificate.
     *
     * @param reasons   why it should be replaced (empty: it need not be)
     * @param emergency within the emergency margin or expired: windows and freezes do not hold it back
     */
    public record Decision(List<String> reasons, RotationMode mode, boolean emergency) {
        public Decision {
            reasons = List.copyOf(reasons);
        }

        public boolean rotate() {
            return !reasons.isEmpty() && mode != RotationMode.OFF;
        }
    }

    /**
     * @param renewedInPlace ACM renews it at the same ARN (Amazon-issued, eligible): nothing for certfleet to swap
     * @param openFindings   the certificate's and its endpoints' open finding codes
     */
    public static Optional<Decision> decide(InventoryRecord record, RotationSettings settings, boolean renewedInPlace,
                                            Collection<FindingCode> openFindings, Clock clock) {
        if (record.facts() == null || renewedInPlace || !record.isActive()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant notAfter = record.facts().notAfter();
        Duration left = Duration.between(now, notAfter);
        List<String> reasons = new ArrayList<>();
        if (left.compareTo(settings.rotateBefore()) <= 0) {
            reasons.add(left.isNegative() ? "expired " + notAfter
                    : "expires " + notAfter + ", within the rotation window of " + settings.rotateBefore().toDays()
                            + " days");
        }
        openFindings.stream().filter(FIXED_BY_REPLACEMENT::contains).distinct().sorted()
                .filter(code -> code != FindingCode.EXPIRED || reasons.isEmpty())
                .forEach(code -> reasons.add(code + " (a replacement fixes it)"));
        return Optional.of(new Decision(reasons, settings.mode(), left.compareTo(settings.emergency()) <= 0));
    }
}
