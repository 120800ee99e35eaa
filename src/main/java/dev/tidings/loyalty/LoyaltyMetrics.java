package dev.tidings.loyalty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The engine's meters, created once: points awarded, awards a cap reduced or skipped, events
 * evaluated, time to evaluate one event's rules (a histogram), and the engine's lag behind the outbox.
 */
final class LoyaltyMetrics {
    private final Counter points;
    private final Counter capped;
    private final Counter evaluated;
    private final Timer evaluation;

    LoyaltyMetrics(MeterRegistry meters, LongSupplier lag) {
        this.points = Counter.builder("tidings.loyalty.points.awarded").description("Points awarded by rules and milestones")
                .register(meters);
        this.capped = Counter.builder("tidings.loyalty.awards.capped").description("Awards reduced or skipped by a cap")
                .register(meters);
        this.evaluated = Counter.builder("tidings.loyalty.events.evaluated")
                .description("Events evaluated against at least one rule or milestone").register(meters);
        this.evaluation = Timer.builder("tidings.loyalty.rule.evaluation")
                .description("Time to evaluate one event against its rules and milestones")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("tidings.loyalty.lag", lag, s -> (double) s.getAsLong())
                .description("Outbox entries the loyalty engine has not handled yet")
                // The supplier is a lambda nothing else holds: a weakly held gauge was collected and read NaN.
                .strongReference(true).register(meters);
    }

    void awarded(long hundredths, boolean wasCapped) {
        points.increment(hundredths / 100.0);
        if (wasCapped) {
            capped.increment();
        }
    }

    void evaluated(long nanos) {
        evaluated.increment();
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
    }
}
