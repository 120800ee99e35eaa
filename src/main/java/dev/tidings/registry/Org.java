package dev.tidings.registry;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A brand: owns event definitions, webhooks, customers and events. Its API key is kept only as a hash.
 * {@code timezone} places the org's calendar windows (loyalty caps and milestones per DAY, WEEK, MONTH,
 * YEAR); UTC unless the org says otherwise.
 */
public record Org(String id, String name, Instant createdAt, String timezone) {
    public static final String DEFAULT_TIMEZONE = "UTC";

    public Org {
        timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
    }

    /** An org in UTC. */
    public Org(String id, String name, Instant createdAt) {
        this(id, name, createdAt, DEFAULT_TIMEZONE);
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
