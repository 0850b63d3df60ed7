package io.certfleet.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inventory API's page cursors: opaque to callers, tamper-evident and short-lived. A cursor says where the next
 * page starts (the last item's id, in the listing's stable order), for which query (a digest of its canonical
 * filters: a cursor cannot be replayed against other filters), and until when; it is signed with HMAC-SHA256 under
 * a key the deployment owns. Anything else (forged, altered, truncated, expired, another query's) is refused with
 * {@link InvalidCursorException}, never decoded into a different page.
 *
 * <p>Wire form: {@code base64url(version || expiresAtEpochSecond || queryDigest[16] || afterId(UTF-8)) "." base64url(
 * hmac[32])}.
 */
public final class PageCursor {

    /** How long a cursor stays good: a paging walk, not a bookmark. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final byte VERSION = 1;
    private static final int DIGEST_BYTES = 16;
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Why a cursor was refused (said to the caller as a 400 naming the {@code cursor} parameter). */
    public static final class InvalidCursorException extends RuntimeException {
        InvalidCursorException(String message) {
            super(message);
        }
    }

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param key at least 32 bytes the deployment owns (a secret); cursors signed under another key are refused
     */
    public PageCursor(byte[] key, Clock clock) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a cursor key has at least " + MIN_KEY_BYTES + " bytes, got "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cursor of the page after {@code afterId} for the query whose canonical form is {@code query}. */
    public String encode(String afterId, String query) {
        byte[] id = afterId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(1 + Long.BYTES + DIGEST_BYTES + id.length);
        body.put(VERSION).putLong(clock.instant().plus(LIFETIME).getEpochSecond()).put(digest(query)).put(id);
        return ENCODER.encodeToString(body.array()) + "." + ENCODER.encodeToString(sign(body.array()));
    }

    /** The id the next page starts after; refused unless this deployment made it, for this query, and recently. */
    public String decode(String cursor, String query) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.') || cursor.length() > 4096) {
            throw new InvalidCursorException("not a cursor this API made");
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(cursor.substring(0, dot));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException("not a cursor this API made");
        }
        if (!MessageDigest.isEqual(sign(body), signature)) {
            throw new InvalidCursorException("the cursor was altered, or made by another deployment");
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        if (body.length < 1 + Long.BYTES + DIGEST_BYTES || buffer.get() != VERSION) {
            throw new InvalidCursorException("not a cursor this API made");
        }
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        if (!clock.instant().isBefore(expiresAt)) {
            throw new InvalidCursorException("the cursor expired at " + expiresAt + ": start the listing again");
        }
        byte[] queryDigest = new byte[DIGEST_BYTES];
        buffer.get(queryDigest);
        if (!MessageDigest.isEqual(queryDigest, digest(query))) {
            throw new InvalidCursorException("the cursor belongs to a listing with other filters");
        }
        byte[] id = new byte[buffer.remaining()];
        buffer.get(id);
        return new String(id, StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] digest(String query) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            byte[] cut = new byte[DIGEST_BYTES];
            System.arraycopy(full, 0, cut, 0, DIGEST_BYTES);
            return cut;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
