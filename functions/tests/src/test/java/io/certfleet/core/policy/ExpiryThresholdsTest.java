package io.certfleet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryThresholdsTest {

    private final ExpiryThresholds thresholds = ExpiryThresholds.DEFAULT;

    @Test
    void theDueThresholdIsTheSmallestAtOrAboveTheDaysLeftNeverOnlyAnExactMatch() {
        assertThat(thresholds.due(46)).isEmpty();
        assertThat(thresholds.due(45)).hasValue(45);
        assertThat(thresholds.due(31)).hasValue(45);
        assertThat(thresholds.due(30)).hasValue(30);
        assertThat(thresholds.due(10)).as("a run that missed 30 and 14 still alerts 14").hasValue(14);
        assertThat(thresholds.due(1)).hasValue(1);
        assertThat(thresholds.due(0)).as("less than a day left").hasValue(1);
    }

    @Test
    void onceExpiredEachDayIsItsOwnThreshold() {
        assertThat(thresholds.due(-1)).hasValue(-1);
        assertThat(thresholds.due(-2)).hasValue(-2);
    }

    @Test
    void thresholdsMustBePositiveAndStrictlyDescending() {
        assertThatThrownBy(() -> new ExpiryThresholds(List.of(30, 45))).hasMessageContaining("strictly descending");
        assertThatThrownBy(() -> new ExpiryThresholds(List.of(7, 0))).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> new ExpiryThresholds(List.of())).hasMessageContaining("at least one");
    }
}
