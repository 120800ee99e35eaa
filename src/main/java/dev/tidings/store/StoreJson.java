package dev.tidings.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tidings.registry.FieldProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns the pipeline writes for every event (attributes, states). Written with a
 * pre-resolved writer and a plain generator: the pipeline writes two of these per event, and
 * {@code ObjectMapper.writeValueAsString} spent a third of its time finding serializers.
 */
public final class StoreJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter MAP_WRITER = MAPPER.writerFor(Map.class);
    private static final ObjectWriter ERRORS_WRITER = MAPPER.writerFor(new TypeReference<List<FieldProblem>>() {});
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private StoreJson() {}

    public static String attributes(Map<String, Object> attributes) {
        try {
            return MAP_WRITER.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String errors(List<FieldProblem> errors) {
        try {
            return ERRORS_WRITER.writeValueAsString(errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String states(List<RequestRecord.State> states) {
        StringWriter out = new StringWriter(64 * states.size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (RequestRecord.State s : states) {
                g.writeStartObject();
                g.writeStringField("state", s.state());
                g.writeNumberField("at", s.at());
                if (s.message() != null) {
                    g.writeStringField("message", s.message());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
