package dev.tidings.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An earning rule (DESIGN §10): when {@code condition} holds for a published event named {@code event},
 * the customer earns {@code points} (a CEL expression or a number), rounded, within its caps.
 * {@code validFrom}/{@code validTo} bound the event's time; {@code releaseAt} names a DATE attribute
 * until which the points stay pending; {@code expiresAfter} is how long after the event they last.
 * Immutable: an update is a new record with {@code version} bumped.
 */
public record Rule(
        String id,
        String orgId,
        String name,
        String event,
        String condition,
        String points,
        Rounding rounding,
        List<Cap> caps,
        Instant validFrom,
        Instant validTo,
        Duration expiresAfter,
        String expiresAfterText,
        String releaseAt,
        RuleStatus status,
        int version,
        Instant createdAt,
        Instant updatedAt) implements Earning {

    public Rule {
        caps = List.copyOf(caps);
    }

    /** Whether {@code eventAt} lies in the rule's validity: from inclusive, to exclusive. */
    public boolean validAt(long eventAt) {
        return (validFrom == null || eventAt >= validFrom.toEpochMilli())
                && (validTo == null || eventAt < validTo.toEpochMilli());
    }

    public Rule withStatus(RuleStatus s, Instant at) {
        return new Rule(id, orgId, name, event, condition, points, rounding, caps, validFrom, validTo, expiresAfter,
                expiresAfterText, releaseAt, s, version + 1, createdAt, at);
    }
}
