package dev.tidings.registry;

import java.util.List;

/**
 * An admin's create/replace request for an event definition, read by {@link DefinitionRules#parse}.
 * When {@code problems} is not empty the other fields hold what could be read and must not be stored.
 * {@code attributes} keep the order given, which is also the order of the de-duplication key.
 */
public record ParsedDefinition(
        String name,
        String displayName,
        String description,
        List<AttributeDefinition> attributes,
        UnknownAttributes unknownAttributes,
        List<FieldProblem> problems) {

    public ParsedDefinition {
        attributes = List.copyOf(attributes);
        problems = List.copyOf(problems);
    }

    /** True when the request may be stored as a definition. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
