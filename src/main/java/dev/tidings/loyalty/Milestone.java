package dev.tidings.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A target per customer and window: {@code COUNT} of matching events or {@code SUM} of a numeric
 * attribute reaching {@code target} earns {@code points} (hundredths) once in that window.
 */
public record Milestone(
        String id,
        String orgId,
        String name,
        String event,
        String condition,
        Measure measure,
        String attribute,
        BigDecimal target,
        Window window,
        long points,
        RuleStatus status,
        int version,
        Instant createdAt,
        Instant updatedAt) implements Earning {

    public enum Measure { COUNT, SUM }

    public Milestone withStatus(RuleStatus s, Instant at) {
        return new Milestone(id, orgId, name, event, condition, measure, attribute, target, window, points, s,
                version + 1, createdAt, at);
    }

    /** The target in hundredths: progress is kept in hundredths for SUM and COUNT alike (a count of 1 is 100). */
    public long targetHundredths() {
        return Points.hundredths(target);
    }
}
