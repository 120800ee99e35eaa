package dev.tidings.loyalty;

/**
 * What one rule or milestone made of one event: the result, the points it awards (hundredths, after
 * rounding and caps), and a sentence saying why, for the dry run and the request view. For a milestone
 * that counted the event, {@code step} holds its progress in the window.
 */
public record Outcome(Earning earning, Result result, long points, boolean capped, String explanation, Long releaseAt,
        Long expiresAt, Step step) {

    public enum Result { AWARD, NO_MATCH, CAPPED, OUT_OF_WINDOW, INACTIVE }

    /** A milestone's progress in the event's window: before and after this event, and whether it was reached now. */
    public record Step(long windowStart, long before, long after, boolean reached, boolean alreadyReached) {}

    /** Whether the outcome writes an award: matched, even if a cap took every point. */
    public boolean decided() {
        return result == Result.AWARD || result == Result.CAPPED;
    }
}
