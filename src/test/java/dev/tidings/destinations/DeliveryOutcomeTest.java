package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.destinations.DestinationSettings.Ordering;
import dev.tidings.destinations.DestinationSettings.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one attempt leads to: delivered, retried later, failed for good, destination disabled. */
class DeliveryOutcomeTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Duration DISABLE_AFTER = Duration.ofDays(5);
    private final DeliveryEngine engine = new DeliveryEngine(null, null, null, null, Map.of(), null, Clock.systemUTC(),
            DISABLE_AFTER);

    private static Destination failingSince(long since) {
        DestinationSettings s = new DestinationSettings("d", Type.WEBHOOK, "https://x.example/h", null, null, List.of("*"),
                null, Map.of(), Duration.ofSeconds(5), List.of(Duration.ofSeconds(10)), Ordering.NONE, 4);
        return new Destination("d1", "org", s, Destination.Status.ENABLED, null, "whsec_x", null, 0, since, 0, 0);
    }

    private static Delivery withAttempts(int attempts) {
        return new Delivery("x", "d1", "org", "r", 1, "c", 0, "{}", DeliveryStatus.PENDING, attempts, 0, 0, 0, 0, null, 0,
                null, 0);
    }

    @Test
    void aTwoHundredIsDelivered() {
        AttemptOutcome o = engine.outcome(failingSince(NOW - 1000), withAttempts(0), new SendResult(204, null, 3, "", -1), NOW);
        assertThat(o.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(o.success()).isTrue();
        assertThat(o.disableReason()).isNull();
    }

    @Test
    void aFailureWithAttemptsLeftIsPendingAtTheJitteredDelay() {
        AttemptOutcome o = engine.outcome(failingSince(0), withAttempts(0), new SendResult(500, null, 3, "", -1), NOW);
        assertThat(o.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(o.nextAttemptAt()).isBetween(NOW + 8_000, NOW + 12_000);
    }

    @Test
    void theLastAttemptsFailureIsFailed() {
        AttemptOutcome o = engine.outcome(failingSince(0), withAttempts(1), new SendResult(500, null, 3, "", -1), NOW);
        assertThat(o.status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void goneDisablesTheDestination() {
        AttemptOutcome o = engine.outcome(failingSince(0), withAttempts(0), new SendResult(410, null, 3, "", -1), NOW);
        assertThat(o.disableReason()).contains("410");
    }

    @Test
    void failingLongerThanTheDisableAfterDisablesItAndShorterDoesNot() {
        SendResult timeout = SendResult.failed("no answer", 5000);
        assertThat(engine.outcome(failingSince(NOW - DISABLE_AFTER.toMillis()), withAttempts(0), timeout, NOW).disableReason())
                .contains("--destination-disable-after").contains("120h");
        assertThat(engine.outcome(failingSince(NOW - DISABLE_AFTER.toMillis() + 1), withAttempts(0), timeout, NOW)
                .disableReason()).isNull();
        assertThat(engine.outcome(failingSince(0), withAttempts(0), timeout, NOW).disableReason()).isNull();
    }
}
