package io.certfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Page cursors: round trip, and every way of tampering refused with a reason, never another page. */
class PageCursorTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String QUERY = "owner=shop-team&limit=100";
    private static final String ID = "6f1c0d...@arn:aws:acm:eu-west-1:111122223333:certificate/ü-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final PageCursor cursors = new PageCursor(KEY, clock);

    @Test
    void aCursorBringsBackWhereThePageEnded() {
        assertThat(cursors.decode(cursors.encode(ID, QUERY), QUERY)).isEqualTo(ID);
    }

    @Test
    void anAlteredForgedTruncatedOrGarbledCursorIsRefused() {
        String cursor = cursors.encode(ID, QUERY);
        String body = cursor.substring(0, cursor.indexOf('.'));
        byte[] bytes = Base64.getUrlDecoder().decode(body);
        bytes[bytes.length - 1] ^= 1; // another id, same signature
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                + cursor.substring(cursor.indexOf('.'));
        String forged = new PageCursor("another deployment's key, 32 bytes".getBytes(StandardCharsets.US_ASCII),
                clock).encode(ID, QUERY);

        assertThatThrownBy(() -> cursors.decode(altered, QUERY))
                .isInstanceOf(PageCursor.InvalidCursorException.class)
                .hasMessage("the cursor was altered, or made by another deployment");
        assertThatThrownBy(() -> cursors.decode(forged, QUERY)).hasMessage("the cursor was altered, or made by "
                + "another deployment");
        for (String garbage : new String[] {"", ".", "abc", "a.b.c", "%%%.%%%", cursor.substring(0, 10),
                "AA." + cursor.substring(cursor.indexOf('.') + 1)}) {
            assertThatThrownBy(() -> cursors.decode(garbage, QUERY)).as(garbage)
                    .isInstanceOf(PageCursor.InvalidCursorException.class);
        }
        assertThatThrownBy(() -> cursors.decode(null, QUERY)).isInstanceOf(PageCursor.InvalidCursorException.class);
    }

    @Test
    void anExpiredCursorOrOneOfAnotherQueryIsRefused() {
        String cursor = cursors.encode(ID, QUERY);

        assertThatThrownBy(() -> cursors.decode(cursor, "owner=pay-team&limit=100"))
                .hasMessage("the cursor belongs to a listing with other filters");
        clock.advance(PageCursor.LIFETIME.minus(Duration.ofSeconds(1)));
        assertThat(cursors.decode(cursor, QUERY)).isEqualTo(ID);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> cursors.decode(cursor, QUERY))
                .hasMessage("the cursor expired at 2026-12-01T11:00:00Z: start the listing again");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new PageCursor(new byte[16], clock)).hasMessage("a cursor key has at least 32 "
                + "bytes, got 16");
    }
}
