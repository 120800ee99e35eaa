package dev.tidings.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counts every request by outcome, with its cause. Counters are made once so the hot path only increments. */
public final class IntakeMetrics {
    private final Counter accepted;
    private final Counter rejectedUnrecorded;
    private final Map<IntakeError, Counter> failures = new EnumMap<>(IntakeError.class);

    public IntakeMetrics(MeterRegistry meters) {
        this.accepted = Counter.builder("tidings_intake_requests").tag("outcome", "accepted")
                .description("Events answered 1100").register(meters);
        this.rejectedUnrecorded = Counter.builder("tidings_intake_rejected_unrecorded")
                .description("Rejected requests answered 4xx whose record could not be queued (log full)")
                .register(meters);
        for (IntakeError e : IntakeError.values()) {
            failures.put(e, Counter.builder("tidings_intake_requests").tag("outcome", e.name().toLowerCase())
                    .register(meters));
        }
    }

    void accepted() {
        accepted.increment();
    }

    public void failed(IntakeError error) {
        failures.get(error).increment();
    }

    void rejectedUnrecorded() {
        rejectedUnrecorded.increment();
    }
}
