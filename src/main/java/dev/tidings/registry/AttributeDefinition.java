package dev.tidings.registry;

import java.util.List;

/**
 * One declared attribute of an event. Fields that do not apply to the type are null / false
 * ({@code pattern} only for STRING, {@code values} only for ENUM, the customer fields only for CUSTOMER).
 */
public record AttributeDefinition(
        String name,
        AttributeType type,
        boolean required,
        boolean uniqueKey,
        String pattern,
        List<String> values,
        IdentifierType identifierType,
        boolean addCustomerIfNotExists) {

    public AttributeDefinition {
        values = values == null ? null : List.copyOf(values);
    }
}
