package dev.tidings.registry;

/** A definition version together with its validator, compiled once when the version is loaded or made. */
public record ActiveDefinition(EventDefinition definition, EventValidator validator) {

    static ActiveDefinition of(EventDefinition definition) {
        return new ActiveDefinition(definition, EventValidator.forDefinition(definition));
    }
}
