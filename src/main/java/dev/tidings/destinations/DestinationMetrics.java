package dev.tidings.destinations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics per destination (tag {@code destination}, plus {@code org}): deliveries delivered
 * and failed for good, attempts retried, attempt latency as a histogram, and from the store's backlog
 * (refreshed by the engine every few seconds) the queue depth and the age of the oldest pending one.
 * Meters are made once per destination and kept.
 */
final class DestinationMetrics {
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, PerDestination> byId = new ConcurrentHashMap<>();

    private final class PerDestination {
        final Counter delivered;
        final Counter failed;
        final Counter retried;
        final Timer latency;
        final AtomicLong pending = new AtomicLong();
        final AtomicLong oldestPendingAt = new AtomicLong();

        PerDestination(String id, String org) {
            delivered = Counter.builder("tidings_destination_delivered").description("Deliveries answered 2xx")
                    .tag("destination", id).tag("org", org).register(meters);
            failed = Counter.builder("tidings_destination_failed")
                    .description("Deliveries that used up their retry schedule (dead letters)")
                    .tag("destination", id).tag("org", org).register(meters);
            retried = Counter.builder("tidings_destination_retried").description("Failed attempts scheduled again")
                    .tag("destination", id).tag("org", org).register(meters);
            latency = Timer.builder("tidings_destination_attempt_latency").description("Duration of one attempt")
                    .tag("destination", id).tag("org", org).publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(2)).register(meters);
            Gauge.builder("tidings_destination_queue_depth", pending, AtomicLong::get)
                    .description("PENDING deliveries").tag("destination", id).tag("org", org).register(meters);
            Gauge.builder("tidings_destination_oldest_pending_age_seconds", oldestPendingAt,
                    at -> at.get() == 0 ? 0 : Math.max(0, (clock.millis() - at.get()) / 1000.0))
                    .description("Age of the oldest PENDING delivery").tag("destination", id).tag("org", org)
                    .register(meters);
        }
    }

    DestinationMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    private PerDestination of(Destination d) {
        return byId.computeIfAbsent(d.id(), id -> new PerDestination(id, d.orgId()));
    }

    void attempt(Destination d, SendResult r, DeliveryStatus outcome) {
        PerDestination m = of(d);
        m.latency.record(Duration.ofMillis(r.durationMs()));
        switch (outcome) {
            case DELIVERED -> m.delivered.increment();
            case FAILED -> m.failed.increment();
            case PENDING -> m.retried.increment();
        }
    }

    void backlog(List<Destination> destinations, List<DestinationStore.Backlog> backlog) {
        Map<String, DestinationStore.Backlog> byDestination = new ConcurrentHashMap<>();
        backlog.forEach(b -> byDestination.put(b.destinationId(), b));
        for (Destination d : destinations) {
            PerDestination m = of(d);
            DestinationStore.Backlog b = byDestination.get(d.id());
            m.pending.set(b == null ? 0 : b.pending());
            m.oldestPendingAt.set(b == null ? 0 : b.oldestPendingAt());
        }
    }
}
