package io.certfleet.core.inventory;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.ownership.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * One certificate at one location, as the inventory knows it.
 *
 * <p>Identity is {@link #certificateId()}: the SHA-256 fingerprint of the certificate, or, for a body that could
 * not be read, {@code unreadable:} plus the SHA-256 of the stored text (stable across scans, never confused with a
 * real fingerprint). A new certificate at the same ARN (a renewal, a re-import) is a new record; the old one is
 * marked removed. Exactly one of {@link #facts()} and {@link #malformedReason()} is set.
 *
 * @param status       the store's status ({@code ISSUED}, {@code EXPIRED}, ...)
 * @param tags         the certificate's own tags
 * @param storeVersion the store's change marker for the certificate at this location (see
 *                     {@link io.certfleet.core.discovery.ListedCertificate#version()})
 * @param removedAt    when a scan found the certificate gone from its location; {@code null} while present
 */
public record InventoryRecord(
        String certificateId,
        CertificateLocation location,
        String status,
        String storeVersion,
        CertificateFacts facts,
        String malformedReason,
        Map<String, String> tags,
        Ownership ownership,
        Instant firstSeen,
        Instant lastSeen,
        Instant removedAt) {

    private static final String UNREADABLE_PREFIX = "unreadable:";

    public InventoryRecord {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(storeVersion, "storeVersion");
        if ((facts == null) == (malformedReason == null)) {
            throw new IllegalArgumentException("exactly one of facts and malformedReason must be set");
        }
        tags = Map.copyOf(tags);
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The identity of a certificate whose stored text could not be read. */
    public static String unreadableId(String storedText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(storedText.getBytes(StandardCharsets.UTF_8));
            return UNREADABLE_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Key key() {
        return new Key(certificateId, location.arn());
    }

    public boolean isReadable() {
        return facts != null;
    }

    public boolean isActive() {
        return removedAt == null;
    }

    /** This record as seen again at {@code seenAt}: present, with the store's current status and ownership. */
    public InventoryRecord seenAgain(Instant seenAt, String currentStatus, Map<String, String> currentTags,
                                     Ownership currentOwnership) {
        return new InventoryRecord(certificateId, location, currentStatus, storeVersion, facts, malformedReason,
                currentTags, currentOwnership, firstSeen, seenAt, null);
    }

    /** Identity of a record: which certificate, at which ARN. */
    public record Key(String certificateId, String arn) {
    }
}
