package io.certfleet.core.inventory;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.CertificateLocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One certificate at one location, as the inventory knows it.
 *
 * <p>Identity is {@link #certificateId()}: the SHA-256 fingerprint of the certificate, or, for a body that could
 * not be read, {@code unreadable:} plus the SHA-256 of the stored text (stable across scans, never confused with a
 * real fingerprint). Exactly one of {@link #facts()} and {@link #malformedReason()} is set.
 *
 * @param removedAt when a scan last found the certificate gone from its location; {@code null} while present
 */
public record InventoryRecord(
        String certificateId,
        CertificateLocation location,
        CertificateFacts facts,
        String malformedReason,
        Instant firstSeen,
        Instant lastSeen,
        Instant removedAt) {

    private static final String UNREADABLE_PREFIX = "unreadable:";

    public InventoryRecord {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(location, "location");
        if ((facts == null) == (malformedReason == null)) {
            throw new IllegalArgumentException("exactly one of facts and malformedReason must be set");
        }
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** A readable certificate seen now at its location. */
    public static InventoryRecord readable(CertificateLocation location, CertificateFacts facts, Instant seenAt) {
        return new InventoryRecord(facts.sha256(), location, facts, null, seenAt, seenAt, null);
    }

    /** A certificate whose stored body could not be read, seen now at its location. */
    public static InventoryRecord malformed(CertificateLocation location, String storedText, String reason,
                                            Instant seenAt) {
        return new InventoryRecord(unreadableId(storedText), location, null, reason, seenAt, seenAt, null);
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

    private static String unreadableId(String storedText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(storedText.getBytes(StandardCharsets.UTF_8));
            return UNREADABLE_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Identity of a record: which certificate, at which ARN. */
    public record Key(String certificateId, String arn) {
    }
}
