package io.certfleet.wiring;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inventory API's settings: the key its page cursors are signed with ({@code CERTFLEET_API_CURSOR_KEY}, base64,
 * at least 32 bytes; every instance of a deployment needs the same one, or a cursor from one is refused by another).
 */
public record ApiOptions(byte[] cursorKey, Optional<String> exportBucket, long inlineExportBytes) {

    public static final String CURSOR_KEY_VARIABLE = "CERTFLEET_API_CURSOR_KEY";
    public static final String EXPORT_BUCKET_VARIABLE = "CERTFLEET_EXPORT_BUCKET";
    public static final String INLINE_EXPORT_VARIABLE = "CERTFLEET_API_INLINE_EXPORT_BYTES";
    /** Lambda's response limit is 6 MB, JSON-escaped: an export up to 4 MiB is answered inline. */
    public static final long DEFAULT_INLINE_EXPORT_BYTES = 4L * 1024 * 1024;

    public ApiOptions {
        Objects.requireNonNull(cursorKey, "cursorKey");
        Objects.requireNonNull(exportBucket, "exportBucket");
        if (inlineExportBytes < 1 || inlineExportBytes > DEFAULT_INLINE_EXPORT_BYTES) {
            throw new IllegalArgumentException(INLINE_EXPORT_VARIABLE + " is from 1 to " + DEFAULT_INLINE_EXPORT_BYTES
                    + ", not " + inlineExportBytes);
        }
    }

    /** A key, no export bucket, the default inline size. */
    public static ApiOptions withKey(byte[] cursorKey) {
        return new ApiOptions(cursorKey, Optional.empty(), DEFAULT_INLINE_EXPORT_BYTES);
    }

    public ApiOptions withExportBucket(String bucket, long inlineBytes) {
        return new ApiOptions(cursorKey, Optional.of(bucket), inlineBytes);
    }

    public static ApiOptions fromEnvironment(Map<String, String> env) {
        String value = env.get(CURSOR_KEY_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(CURSOR_KEY_VARIABLE + " is not set: the inventory API signs its page "
                    + "cursors with it (base64 of at least 32 random bytes)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CURSOR_KEY_VARIABLE + " is not base64: " + e.getMessage());
        }
        if (key.length < 32) {
            throw new IllegalStateException(CURSOR_KEY_VARIABLE + " holds " + key.length + " bytes; at least 32");
        }
        long inline = DEFAULT_INLINE_EXPORT_BYTES;
        String inlineText = env.get(INLINE_EXPORT_VARIABLE);
        if (inlineText != null && !inlineText.isBlank()) {
            try {
                inline = Long.parseLong(inlineText.strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(INLINE_EXPORT_VARIABLE + " is a number of bytes, not '" + inlineText
                        + "'");
            }
        }
        return new ApiOptions(key, Optional.ofNullable(env.get(EXPORT_BUCKET_VARIABLE)).map(String::strip)
                .filter(bucket -> !bucket.isEmpty()), inline);
    }
}
