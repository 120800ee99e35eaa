package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A definition version together with its validator, compiled once when the version is loaded or made. */
public record ActiveDefinition(EventDefinition definition, EventValidator validator) {

    static ActiveDefinition of(EventDefinition definition) {
        return new ActiveDefinition(definition, EventValidator.forDefinition(definition));
    }

    /**
     * The unique-key attribute values as the sender wrote them, in definition order, so that {@code 12}
     * and {@code "12"} make the same de-duplication key; a missing value counts as empty.
     */
    public List<String> uniqueValues(ObjectNode body) {
        List<String> values = new ArrayList<>(2);
        for (AttributeDefinition a : definition.attributes()) {
            if (a.uniqueKey()) {
                JsonNode v = body.get(a.name());
                values.add(v == null || v.isNull() ? "" : v.asText());
            }
        }
        return values;
    }
}
