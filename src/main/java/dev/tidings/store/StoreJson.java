package dev.tidings.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tidings.registry.FieldProblem;
import java.io.IOException;
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
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

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

    /**
     * {@code [{"state":…,"at":…,"message":…},…]}. Built in a StringBuilder with Jackson's own string
     * quoting rather than through a generator: creating a generator per event was a tenth of the
     * pipeline's store thread.
     */
    public static String states(List<RequestRecord.State> states) {
        StringBuilder out = new StringBuilder(80 * states.size());
        out.append('[');
        for (RequestRecord.State s : states) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"state\":");
            quoted(out, s.state());
            out.append(",\"at\":").append(s.at());
            if (s.message() != null) {
                out.append(",\"message\":");
                quoted(out, s.message());
            }
            out.append('}');
        }
        return out.append(']').toString();
    }

    private static void quoted(StringBuilder out, String text) {
        out.append('"');
        QUOTER.quoteAsString(text, out);
        out.append('"');
    }
}
