package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

    private final RateSchedule schedule = new RateSchedule(1_000, 10_000);

    @Test
    void requestsAreSpacedEvenlyAtTheRate() {
        assertThat(schedule.intendedAt(0)).isEqualTo(1_000);
        assertThat(schedule.intendedAt(1)).isEqualTo(1_000 + 100_000);
        assertThat(schedule.intendedAt(10_000)).isEqualTo(1_000 + 1_000_000_000L);
    }

    @Test
    void nothingIsDueBeforeTheStartAndTheFirstIsDueAtIt() {
        assertThat(schedule.dueBy(999)).isZero();
        assertThat(schedule.dueBy(1_000)).isEqualTo(1);
    }

    @Test
    void aSecondInTheRateAndOneAreDue() {
        assertThat(schedule.dueBy(1_000 + 1_000_000_000L)).isEqualTo(10_001);
    }

    @Test
    void everyDueRequestHasAnIntendedTimeNotAfterNow() {
        for (long now = 1_000; now < 1_000 + 3_000_000; now += 12_345) {
            long due = schedule.dueBy(now);
            assertThat(schedule.intendedAt(due - 1)).isLessThanOrEqualTo(now);
            assertThat(schedule.intendedAt(due)).isGreaterThan(now);
        }
    }
}
