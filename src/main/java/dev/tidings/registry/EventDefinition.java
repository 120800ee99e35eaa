package dev.tidings.registry;

import java.time.Instant;
import java.util.List;

/**
 * One version of an org's event definition. Immutable: every admin change produces a new record with
 * {@code version} bumped, and older versions stay readable so the pipeline can transform an event under
 * the version it was accepted with.
 */
public record EventDefinition(
        String id,
        String orgId,
        String name,
        String displayName,
        String description,
        List<AttributeDefinition> attributes,
        UnknownAttributes unknownAttributes,
        DefinitionStatus status,
        TestStatus testStatus,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public EventDefinition {
        attributes = List.copyOf(attributes);
    }

    /** The single CUSTOMER attribute (definitions are validated to have exactly one). */
    public AttributeDefinition customerAttribute() {
        for (AttributeDefinition a : attributes) {
            if (a.type() == AttributeType.CUSTOMER) {
                return a;
            }
        }
        throw new IllegalStateException("definition " + name + " has no CUSTOMER attribute");
    }

    public boolean isDraft() {
        return status == DefinitionStatus.DRAFT;
    }
}
