package io.certfleet.core.policy.rotation;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When changes may be made: days of the week and a time of day in a time zone, as a profile writes it:
 * {@code "Tue-Thu 09:00-16:00 Europe/Berlin"}, {@code "Mon,Wed 22:00-02:00 UTC"} (a window may cross midnight:
 * it then belongs to the day it opens on). Daylight saving is the zone's: 09:00 stays 09:00 local.
 */
public record ChangeWindow(Set<DayOfWeek> days, LocalTime opens, LocalTime closes, ZoneId zone) {

    private static final Pattern FORM = Pattern.compile(
            "(?<days>[A-Za-z]{3}(?:-[A-Za-z]{3})?(?:,[A-Za-z]{3}(?:-[A-Za-z]{3})?)*)\\s+"
                    + "(?<opens>\\d{2}:\\d{2})-(?<closes>\\d{2}:\\d{2})\\s+(?<zone>\\S+)");

    public ChangeWindow {
        days = Set.copyOf(days);
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a change window needs at least one day");
        }
        if (opens.equals(closes)) {
            throw new IllegalArgumentException("a change window opens and closes at the same time");
        }
    }

    /** Parses the profile's form; the message says what is wrong and shows the form. */
    public static ChangeWindow parse(String text) {
        Matcher match = FORM.matcher(text.strip());
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a change window: DAYS HH:MM-HH:MM ZONE, e.g. "
                    + "'Tue-Thu 09:00-16:00 Europe/Berlin'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : match.group("days").split(",")) {
            String[] range = part.split("-");
            DayOfWeek first = day(range[0], text);
            DayOfWeek last = range.length == 2 ? day(range[1], text) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        try {
            return new ChangeWindow(days, LocalTime.parse(match.group("opens")), LocalTime.parse(match.group("closes")),
                    ZoneId.of(match.group("zone")));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    private static DayOfWeek day(String abbreviation, String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + text + "': '" + abbreviation + "' is not a day (Mon, Tue, Wed, Thu, "
                + "Fri, Sat, Sun)");
    }

    /** Whether the window is open at {@code time}. */
    public boolean isOpen(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        LocalTime clock = local.toLocalTime();
        if (opens.isBefore(closes)) {
            return days.contains(local.getDayOfWeek()) && !clock.isBefore(opens) && clock.isBefore(closes);
        }
        // Across midnight: open from 'opens' on a listed day until 'closes' the next morning.
        return (days.contains(local.getDayOfWeek()) && !clock.isBefore(opens))
                || (days.contains(local.getDayOfWeek().minus(1)) && clock.isBefore(closes));
    }

    /** The next opening at or after {@code time} (within a week there is always one). */
    public ZonedDateTime nextOpening(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        if (isOpen(local)) {
            return local;
        }
        for (int ahead = 0; ahead <= 7; ahead++) {
            ZonedDateTime candidate = local.toLocalDate().plusDays(ahead).atTime(opens).atZone(zone);
            if (days.contains(candidate.getDayOfWeek()) && !candidate.isBefore(local)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no opening within a week"); // unreachable: at least one day is listed
    }

    @Override
    public String toString() {
        List<String> names = days.stream().sorted()
                .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList();
        return String.join(",", names) + " " + opens + "-" + closes + " " + zone;
    }
}
