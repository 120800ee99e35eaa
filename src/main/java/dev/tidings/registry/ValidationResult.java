package dev.tidings.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What {@link EventValidator} made of one posted body: every problem found, and the typed values of the
 * attributes that were present (STRING → String, DOUBLE → Double, INTEGER → Long, BOOLEAN → Boolean,
 * DATE → Long epoch ms, ENUM → the declared String, CUSTOMER → String, kept unknown fields → JsonNode),
 * in definition order. {@code customerValue} and {@code eventDateTime} are null when absent or invalid.
 */
public record ValidationResult(
        List<FieldProblem> problems,
        Map<String, Object> attributes,
        String customerValue,
        Long eventDateTime) {

    public ValidationResult {
        problems = List.copyOf(problems);
        // A view, not a copy: the validator hands over a fresh map, and copying would cost a second
        // map per event on the hot path while losing nothing but defence against our own code.
        attributes = Collections.unmodifiableMap(attributes);
    }

    /** True when the event may be accepted: no problem was found. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
