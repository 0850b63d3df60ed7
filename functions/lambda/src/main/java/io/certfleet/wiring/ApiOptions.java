package io.certfleet.wiring;

import java.util.Base64;
import java.util.Map;

/**
 * The inventory API's settings: the key its page cursors are signed with ({@code CERTFLEET_API_CURSOR_KEY}, base64,
 * at least 32 bytes; every instance of a deployment needs the same one, or a cursor from one is refused by another).
 */
public record ApiOptions(byte[] cursorKey) {

    public static final String CURSOR_KEY_VARIABLE = "CERTFLEET_API_CURSOR_KEY";

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
        return new ApiOptions(key);
    }
}
