package io.certfleet.core.policy;

import java.util.List;
import java.util.OptionalLong;

/**
 * When an expiring certificate's owners hear about it: at each of these days left (default 45, 30, 14, 7, 3, 1),
 * then every day once it has expired. A threshold is due when the days left are at or below it, never only when
 * they equal it, so a run that was missed still sends the alert of the threshold it skipped.
 *
 * @param days thresholds in days, strictly descending, all positive
 */
public record ExpiryThresholds(List<Integer> days) {

    public static final ExpiryThresholds DEFAULT = new ExpiryThresholds(List.of(45, 30, 14, 7, 3, 1));

    public ExpiryThresholds {
        days = List.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("at least one expiry threshold is needed");
        }
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i) < 1) {
                throw new IllegalArgumentException("expiry thresholds are days before expiry (1 or more), got "
                        + days.get(i));
            }
            if (i > 0 && days.get(i) >= days.get(i - 1)) {
                throw new IllegalArgumentException("expiry thresholds must be strictly descending, got " + days);
            }
        }
    }

    /**
     * The most urgent threshold the days left have reached: the smallest threshold at or above them; once expired
     * ({@code daysLeft < 0}), the day itself ({@code -1} the first day after expiry, {@code -2} the next, ...), so
     * that an expired certificate is alerted daily. Empty while no threshold is reached.
     */
    public OptionalLong due(long daysLeft) {
        if (daysLeft < 0) {
            return OptionalLong.of(daysLeft);
        }
        OptionalLong due = OptionalLong.empty();
        for (int threshold : days) {
            if (daysLeft <= threshold) {
                due = OptionalLong.of(threshold);
            }
        }
        return due;
    }

    /** The earliest threshold: certificates expiring later need no evaluation. */
    public int first() {
        return days.getFirst();
    }
}
