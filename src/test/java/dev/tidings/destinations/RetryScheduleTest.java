package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void theNthFailureWaitsTheNthDelayWithinTwentyPercentJitter() {
        assertThat(RetrySchedule.delayMs(SCHEDULE, 1, -1, () -> 0.0).getAsLong()).isEqualTo(8_000);
        assertThat(RetrySchedule.delayMs(SCHEDULE, 1, -1, () -> 0.999999).getAsLong()).isBetween(11_999L, 12_000L);
        assertThat(RetrySchedule.delayMs(SCHEDULE, 2, -1, () -> 0.5).getAsLong()).isEqualTo(300_000);
    }

    @Test
    void noDelayIsLeftAfterTheLastAttemptSoTheDeliveryFails() {
        assertThat(RetrySchedule.delayMs(SCHEDULE, 3, -1, () -> 0.5)).isEmpty();
        assertThat(RetrySchedule.delayMs(List.of(), 1, -1, () -> 0.5)).isEmpty();
    }

    @Test
    void aLongerRetryAfterWinsAndIsCappedAtADay() {
        assertThat(RetrySchedule.delayMs(SCHEDULE, 1, 60_000, () -> 0.5).getAsLong()).isEqualTo(60_000);
        assertThat(RetrySchedule.delayMs(SCHEDULE, 1, 1_000, () -> 0.5).getAsLong()).isEqualTo(10_000);
        assertThat(RetrySchedule.delayMs(SCHEDULE, 1, Duration.ofDays(30).toMillis(), () -> 0.5).getAsLong())
                .isEqualTo(Duration.ofDays(1).toMillis());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(120_000);
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(WebhookSender.retryAfter("soon")).isEqualTo(-1);
        assertThat(WebhookSender.retryAfter(null)).isEqualTo(-1);
    }
}
