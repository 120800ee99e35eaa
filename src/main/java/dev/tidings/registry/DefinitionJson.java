package dev.tidings.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The stored form of an event definition version, the same in every registry store so a definition
 * reads back identically whichever database kept it.
 */
public final class DefinitionJson {
    // Derived accessors such as EventDefinition.isDraft() are written as extra fields ("draft"); reading
    // must skip them, or a store holding any definition can never be opened again.
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DefinitionJson() {}

    public static String write(EventDefinition definition) throws JsonProcessingException {
        return JSON.writeValueAsString(definition);
    }

    public static EventDefinition read(String json) throws JsonProcessingException {
        return JSON.readValue(json, EventDefinition.class);
    }
}
