package dev.tidings.destinations;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of a failed delivery is due. The n-th failure (counted in the current replay
 * round) waits the n-th delay of the schedule, spread by ±20% jitter so the deliveries of one outage
 * do not all come back at the same instant, and at least as long as a {@code Retry-After} asked (capped
 * at the schedule's last-resort maximum of a day). None when the schedule is used up: the delivery FAILS.
 */
public final class RetrySchedule {
    static final double JITTER = 0.2;
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private RetrySchedule() {}

    /**
     * @param failedAttempts attempts made in this round, the failed one included (1 after the first)
     * @param retryAfterMs the server's Retry-After in ms, or -1
     * @param random a number in [0, 1)
     * @return the delay in ms, or empty when no attempt is left
     */
    public static OptionalLong delayMs(List<Duration> schedule, int failedAttempts, long retryAfterMs, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return OptionalLong.empty();
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        long jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random.getAsDouble()));
        long asked = Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER.toMillis());
        return OptionalLong.of(Math.max(1, Math.max(jittered, asked)));
    }
}
