package io.certfleet.core.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The statuses a certificate store reports (ACM's {@code CertificateStatus}; IAM server certificates are always
 * {@code ISSUED}), as the inventory keeps them: the values a status filter may name.
 */
public final class StoreStatus {

    public static final List<String> ALL = List.of("ISSUED", "PENDING_VALIDATION", "INACTIVE", "EXPIRED",
            "VALIDATION_TIMED_OUT", "REVOKED", "FAILED");

    private StoreStatus() {
    }

    /** The status named, in any letter case; empty when no store reports it. */
    public static Optional<String> named(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        return ALL.contains(upper) ? Optional.of(upper) : Optional.empty();
    }
}
