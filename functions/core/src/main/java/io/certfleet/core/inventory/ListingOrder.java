package io.certfleet.core.inventory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The inventory's listing order: unreadable certificates first, then soonest expiry, then ARN. A record's position is
 * a string that sorts as the records do and never changes for that record (a record's expiry and ARN are fixed: a new
 * certificate at an ARN is a new record). So a walk "after the last position seen" neither repeats nor skips a record
 * that was present for the whole walk, whatever is written meanwhile. The storage indexes sort by the same string.
 */
public final class ListingOrder {

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Sorts before every digit, so unreadable records (no expiry) come first. */
    private static final String UNREADABLE = "!";

    private ListingOrder() {
    }

    /** {@code <notAfter>#<arn>}, or {@code !#<arn>} for an unreadable certificate. */
    public static String positionOf(InventoryRecord record) {
        String arn = record.location().arn();
        return (record.isReadable() ? sortable(record.facts().notAfter()) : UNREADABLE) + "#" + arn;
    }

    /** An instant as fixed-width text that sorts as the instants do (years 0000 to 9999). */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** The position below which exactly the records expiring before {@code instant} sort (with the unreadable). */
    public static String expiringBefore(Instant instant) {
        return sortable(instant);
    }
}
