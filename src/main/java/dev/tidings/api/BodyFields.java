package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.registry.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Admin bodies take only the fields they know: a misspelt or unsupported field ({@code "rateLimit"},
 * {@code "status":"ENABLED"} where it did nothing) must not be answered 200 as if it had worked.
 */
final class BodyFields {
    private BodyFields() {}

    /** Refuses every field of {@code body} not in {@code known}, one problem each, in one 400. */
    static JsonNode only(JsonNode body, String what, Set<String> known) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!known.contains(field.getKey())) {
                problems.add(FieldProblem.of(field.getKey(), "UNKNOWN_FIELD", field.getKey() + " is not a field of "
                        + what + "; the fields are " + new TreeSet<>(known)));
            }
        }
        if (!problems.isEmpty()) {
            List<String> names = problems.stream().map(FieldProblem::attribute).toList();
            throw new AdminFailure(AdminError.INVALID_REQUEST, "Unknown fields of " + what + ": " + String.join(", ", names),
                    problems);
        }
        return body;
    }
}
