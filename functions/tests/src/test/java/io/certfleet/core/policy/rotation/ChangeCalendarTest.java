package io.certfleet.core.policy.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Change windows (days, hours, zone), freezes, and the emergency margin that overrides both. */
class ChangeCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ChangeWindow OFFICE_HOURS = ChangeWindow.parse("Tue-Thu 09:00-16:00 Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void aWindowIsParsedFromTheProfilesForm() {
        assertThat(OFFICE_HOURS.days()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY);
        assertThat(OFFICE_HOURS.toString()).isEqualTo("Tue,Wed,Thu 09:00-16:00 Europe/Berlin");
        assertThat(ChangeWindow.parse("Fri-Mon 22:00-02:00 UTC").days()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY,
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThatThrownBy(() -> ChangeWindow.parse("Tue-Thu 9-16")).hasMessageContaining("DAYS HH:MM-HH:MM ZONE");
        assertThatThrownBy(() -> ChangeWindow.parse("Tue-Thx 09:00-16:00 UTC")).hasMessageContaining("'Thx' is not");
        assertThatThrownBy(() -> ChangeWindow.parse("Tue 09:00-16:00 Mars/Olympus")).hasMessageContaining("Mars");
    }

    @Test
    void outsideTheWindowTheRotationWaitsForTheNextOpeningInTheZonesLocalTime() {
        ChangeCalendar calendar = new ChangeCalendar(List.of(OFFICE_HOURS), List.of());
        Instant fridayEvening = berlin("2026-12-04T18:00");
        Instant expiry = fridayEvening.plus(Duration.ofDays(30));

        ChangeCalendar.Slot slot = calendar.when(fridayEvening, expiry, Duration.ofDays(3));

        assertThat(slot.at()).isEqualTo(berlin("2026-12-08T09:00"));
        assertThat(slot.bypassed()).isFalse();
        assertThat(calendar.when(berlin("2026-12-09T10:30"), expiry, Duration.ofDays(3)).at())
                .as("inside the window: now").isEqualTo(berlin("2026-12-09T10:30"));
        assertThat(calendar.when(berlin("2026-12-09T16:00"), expiry, Duration.ofDays(3)).at())
                .as("16:00 is closed").isEqualTo(berlin("2026-12-10T09:00"));
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItOpens() {
        ChangeWindow night = ChangeWindow.parse("Mon 22:00-02:00 UTC");
        assertThat(night.isOpen(ZonedDateTime.parse("2026-11-30T23:30Z"))).isTrue(); // Monday night
        assertThat(night.isOpen(ZonedDateTime.parse("2026-12-01T01:30Z"))).isTrue(); // Tuesday, before 02:00
        assertThat(night.isOpen(ZonedDateTime.parse("2026-12-01T02:00Z"))).isFalse();
        assertThat(night.isOpen(ZonedDateTime.parse("2026-11-30T01:30Z"))).isFalse(); // Monday early: Sunday's
    }

    @Test
    void aFreezeMovesTheRotationToTheFirstWindowAfterIt() {
        ChangeCalendar calendar = new ChangeCalendar(List.of(OFFICE_HOURS), List.of(Freeze.parse("2026-12-18/2027-01-04")));
        Instant duringFreeze = berlin("2026-12-22T10:00");

        ChangeCalendar.Slot slot = calendar.when(duringFreeze, duringFreeze.plus(Duration.ofDays(60)),
                Duration.ofDays(3));

        assertThat(slot.at()).as("the freeze ends with Monday 4 January; Tuesday 5 is a window day")
                .isEqualTo(berlin("2027-01-05T09:00"));
        assertThatThrownBy(() -> Freeze.parse("2027-01-04/2026-12-18")).hasMessageContaining("ends");
        assertThatThrownBy(() -> Freeze.parse("christmas")).hasMessageContaining("is not a freeze");
    }

    @Test
    void withinTheEmergencyMarginOrExpiredWindowsAndFreezesAreBypassedAndSaidSo() {
        ChangeCalendar calendar = new ChangeCalendar(List.of(OFFICE_HOURS), List.of(Freeze.parse("2026-12-01/2026-12-31")));
        Instant now = berlin("2026-12-05T20:00");

        ChangeCalendar.Slot slot = calendar.when(now, now.plus(Duration.ofDays(2)), Duration.ofDays(3));

        assertThat(slot.at()).isEqualTo(now);
        assertThat(slot.bypassed()).isTrue();
        assertThat(slot.reason()).contains("do not apply");
        ChangeCalendar.Slot tooLate = calendar.when(now, now.plus(Duration.ofDays(10)), Duration.ofDays(3));
        assertThat(tooLate.at()).as("no window before the margin: it runs when the margin begins")
                .isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(tooLate.bypassed()).isTrue();
        assertThat(ChangeCalendar.ANY_TIME.when(now, now.plus(Duration.ofDays(1)), Duration.ofDays(3)).bypassed())
                .as("nothing to bypass").isFalse();
    }

    @Test
    void aCalendarThatNeverOpensIsReported() {
        ChangeCalendar frozen = new ChangeCalendar(List.of(OFFICE_HOURS), List.of(Freeze.parse("2026-01-01/2029-12-31")));

        assertThat(frozen.impossible(berlin("2026-12-01T00:00"))).get().asString()
                .contains("no change window opens outside the freezes");
        assertThat(new ChangeCalendar(List.of(OFFICE_HOURS), List.of()).impossible(Instant.now())).isEmpty();
    }
}
