package dev.tidings.loyalty;

/**
 * A per-customer limit of one rule: at most {@code max} points (in hundredths) or events (a count) in a
 * window. A points cap reduces an award to what still fits; an events cap skips the award.
 */
public record Cap(Metric metric, long max, Window window) {
    public enum Metric { POINTS, EVENTS }

    /** For messages: "POINTS 5000 per MONTH". */
    public String describe() {
        return metric + " " + (metric == Metric.POINTS ? Points.text(max) : Long.toString(max)) + " " + window.phrase();
    }
}
