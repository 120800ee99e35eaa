package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeasuredWindowTest {

    @Test
    void requestsSentDuringWarmupAreNotMeasured() {
        MeasuredWindow window = MeasuredWindow.startingAt(0, plan(Duration.ofSeconds(10), 0));

        assertThat(window.measured(1_999_999_999L)).isFalse();
        assertThat(window.measured(2_000_000_000L)).isTrue();
    }

    @Test
    void aDurationEndsSendingAfterWarmupPlusDuration() {
        MeasuredWindow window = MeasuredWindow.startingAt(0, plan(Duration.ofSeconds(10), 0));

        assertThat(window.mayStart(11_999_999_999L, 1_000_000)).isTrue();
        assertThat(window.mayStart(12_000_000_000L, 0)).isFalse();
    }

    @Test
    void anEventCountEndsSendingOnceThatManyWereMeasured() {
        MeasuredWindow window = MeasuredWindow.startingAt(0, plan(null, 100));

        assertThat(window.mayStart(Long.MAX_VALUE / 2, 99)).isTrue();
        assertThat(window.mayStart(5, 100)).isFalse();
    }

    @Test
    void theClockMayWrap() {
        MeasuredWindow window = MeasuredWindow.startingAt(Long.MAX_VALUE - 1_000, plan(Duration.ofSeconds(1), 0));

        assertThat(window.measured(Long.MIN_VALUE + 2_000_000_000L)).isTrue();
        assertThat(window.mayStart(Long.MIN_VALUE + 2_000_000_000L, 0)).isTrue();
    }

    private static BenchPlan plan(Duration duration, long events) {
        return new BenchPlan(BenchPlan.Target.parse("http://127.0.0.1:8080/local/webhooks/x"),
                BenchPlan.basicAuthorization("token"), 1, 0, duration, events, Duration.ofSeconds(2),
                10, "be_reserved", Duration.ofSeconds(30));
    }
}
