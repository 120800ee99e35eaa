package dev.tidings.expr;

/**
 * The value of an expression for one event (a {@code Boolean}, {@code Long} or {@code Double}), or why
 * it has none: a missing optional attribute, an overflow, a division by zero. Evaluation never throws.
 */
public record Evaluation(Object value, String error) {

    static Evaluation of(Object value) {
        return new Evaluation(value, null);
    }

    static Evaluation failed(String error) {
        return new Evaluation(null, error);
    }

    public boolean ok() {
        return error == null;
    }

    /** True only for a condition that evaluated to true; an error is not a match. */
    public boolean isTrue() {
        return Boolean.TRUE.equals(value);
    }
}
