package io.certfleet.core.policy.rotation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** Days on which no change is made, first and last included, in UTC: {@code "2026-12-18/2027-01-04"}. */
public record Freeze(LocalDate first, LocalDate last) {

    public Freeze {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a freeze ends (" + last + ") before it starts (" + first + ")");
        }
    }

    public static Freeze parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Freeze(LocalDate.parse(parts[0].strip()), LocalDate.parse(parts[1].strip()));
            }
            if (parts.length == 1) {
                LocalDate day = LocalDate.parse(parts[0].strip());
                return new Freeze(day, day);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a freeze: FIRST/LAST dates, e.g. "
                + "'2026-12-18/2027-01-04' (or one date)");
    }

    public boolean covers(ZonedDateTime time) {
        LocalDate day = time.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return !day.isBefore(first) && !day.isAfter(last);
    }

    /** The first moment after the freeze. */
    public ZonedDateTime end() {
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return first + "/" + last;
    }
}
