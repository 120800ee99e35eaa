package dev.tidings.pipeline;

import dev.tidings.store.RequestStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Events processed per final status, batch sizes, and the lag behind the log in events and seconds.
 * {@code tidings_pipeline_lag_events} is what the drain benchmark polls.
 */
final class PipelineMetrics {
    private final Map<RequestStatus, Counter> processed = new EnumMap<>(RequestStatus.class);
    private final DistributionSummary batchSizes;
    private final Counter failedBatches;

    PipelineMetrics(MeterRegistry meters, Supplier<Number> lagEvents, Supplier<Number> lagSeconds) {
        for (RequestStatus s : RequestStatus.values()) {
            processed.put(s, Counter.builder("tidings_pipeline_events").tag("status", s.name())
                    .description("Requests the pipeline finished, by final status").register(meters));
        }
        batchSizes = DistributionSummary.builder("tidings_pipeline_batch_size")
                .description("Log entries per pipeline transaction").publishPercentiles(0.5, 0.99).register(meters);
        failedBatches = Counter.builder("tidings_pipeline_failed_batches")
                .description("Pipeline transactions that failed and were retried").register(meters);
        Gauge.builder("tidings_pipeline_lag_events", lagEvents).description("Log entries not yet processed")
                .register(meters);
        Gauge.builder("tidings_pipeline_lag_seconds", lagSeconds)
                .description("Age of the oldest unprocessed entry when behind, else 0").register(meters);
    }

    void finished(RequestStatus status) {
        processed.get(status).increment();
    }

    void batch(int size) {
        batchSizes.record(size);
    }

    void failedBatch() {
        failedBatches.increment();
    }
}
