package dev.tidings.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.EnumMap;
import java.util.Map;

/** Counts every request by outcome, with its cause. Counters are made once so the hot path only increments. */
public final class IntakeMetrics {
    private final Counter accepted;
    private final Counter rejectedUnrecorded;
    private final Timer latency;
    private final Map<IntakeError, Counter> failures = new EnumMap<>(IntakeError.class);

    public IntakeMetrics(MeterRegistry meters) {
        this.accepted = Counter.builder("tidings_intake_requests").tag("outcome", "accepted")
                .description("Events answered 1100").register(meters);
        this.rejectedUnrecorded = Counter.builder("tidings_intake_rejected_unrecorded")
                .description("Rejected requests answered 4xx whose record could not be queued (log full)")
                .register(meters);
        for (IntakeError e : IntakeError.values()) {
            failures.put(e, Counter.builder("tidings_intake_requests").tag("outcome", e.name().toLowerCase())
                    .description("Requests answered with an error, by cause").register(meters));
        }
        // Fixed buckets (a Prometheus histogram), so nodes can be aggregated; the range spans a group commit
        // on a fast disk to a Kafka acknowledgement under load.
        this.latency = Timer.builder("tidings_intake_latency")
                .description("Time from the append to its durable commit, what every 1100 waits for")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(meters);
    }

    void accepted(long nanos) {
        accepted.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void failed(IntakeError error) {
        failures.get(error).increment();
    }

    void rejectedUnrecorded() {
        rejectedUnrecorded.increment();
    }
}
