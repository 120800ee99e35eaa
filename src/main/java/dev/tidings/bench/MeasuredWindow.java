package dev.tidings.bench;

import java.time.Duration;

/**
 * The run's phases on the nanosecond clock: warm-up from {@code start}, then the measured period,
 * ending at a deadline, after a number of measured requests, or both. A request belongs to the phase
 * its (intended) send time falls in, so a warm-up request answered late never leaks into the figures.
 * Immutable; asked by the event-loop thread before each send.
 */
record MeasuredWindow(long measureStart, long measureEnd, boolean endless, long events) {

    static MeasuredWindow startingAt(long start, BenchPlan plan) {
        long measureStart = start + plan.warmup().toNanos();
        Duration duration = plan.duration();
        return new MeasuredWindow(measureStart,
                duration == null ? 0 : measureStart + duration.toNanos(),
                duration == null, plan.events());
    }

    /** Whether a request sent at {@code sendTime} counts; nanoTime may wrap, hence the subtraction. */
    boolean measured(long sendTime) {
        return sendTime - measureStart >= 0;
    }

    /** Whether a request may still be sent at {@code sendTime}, given how many measured ones were. */
    boolean mayStart(long sendTime, long measuredSent) {
        boolean inTime = endless || sendTime - measureEnd < 0;
        boolean belowCount = events <= 0 || measuredSent < events;
        return inTime && belowCount;
    }
}
