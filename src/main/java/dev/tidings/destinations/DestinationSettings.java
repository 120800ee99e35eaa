package dev.tidings.destinations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a user saves for a destination (DESIGN §9), checked by {@link DestinationRules}. {@code url} is
 * set for WEBHOOK, {@code bootstrap} and {@code topic} for KAFKA; {@code filter} may be null.
 */
public record DestinationSettings(
        String name,
        Type type,
        String url,
        String bootstrap,
        String topic,
        List<String> events,
        String filter,
        Map<String, String> headers,
        Duration timeout,
        List<Duration> retrySchedule,
        Ordering ordering,
        int maxInFlight) {

    public enum Type { WEBHOOK, KAFKA }

    /** NONE: in parallel up to maxInFlight; PER_CUSTOMER: a customer's deliveries one at a time, in event order. */
    public enum Ordering { NONE, PER_CUSTOMER }

    /** Svix's schedule: eight attempts over about 27 hours. */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_IN_FLIGHT = 16;

    public DestinationSettings {
        events = List.copyOf(events);
        headers = Map.copyOf(headers);
        retrySchedule = List.copyOf(retrySchedule);
    }

    /** Whether an event of this name is one the destination takes (before its filter). */
    public boolean takes(String eventName) {
        return events.contains("*") || events.contains(eventName);
    }

    /** At most this many attempts per delivery (per replay round). */
    public int maxAttempts() {
        return 1 + retrySchedule.size();
    }
}
