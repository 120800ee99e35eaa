package dev.tidings.pipeline;

import dev.tidings.log.LoggedEvent;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.ValidationResult;
import java.util.List;

/**
 * A log entry after the pure, store-free part of the pipeline: the body typed under the definition
 * version it was accepted with (and as the JSON to store), and its unique key when its webhook checks
 * uniqueness. For a rejected
 * request, {@code typed} is null and {@code errors} holds what the intake recorded.
 */
record Transformed(
        LoggedEvent logged,
        ActiveDefinition definition,
        ValidationResult typed,
        String uniqueKey,
        String attributesJson,
        List<FieldProblem> errors,
        long transformedAt) {

    boolean transformable() {
        return definition != null && typed != null && typed.valid();
    }
}
