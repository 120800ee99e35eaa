package dev.tidings.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.tidings.registry.FieldProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one wire format of log records, shared by every log implementation: a JSON object with a format
 * version {@code v}, so a record written by an older release stays readable after an upgrade. Fields
 * are named, never ordinals; a reader rejects a version it does not know instead of guessing.
 *
 * <p>Encoding runs on the intake's event loops (spread over every core), decoding on the pipeline's
 * reader thread. Thread-safe.
 */
public final class LogCodec {
    public static final int VERSION = 1;

    // Records are our own writing, but a corrupted or foreign one must fail as a value, not take the
    // process down: the same bounds the intake puts on bodies, with headroom for the envelope.
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(16 * 1024 * 1024).build())
            .build());
    private static final JsonFactory FACTORY = JSON.getFactory();

    private LogCodec() {}

    public static byte[] encode(LogRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            if (record instanceof AcceptedEvent a) {
                writeAccepted(g, a);
            } else {
                writeRejected(g, (RejectedRequest) record);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode log record " + record.requestId(), e);
        }
        return out.toByteArray();
    }

    private static void writeAccepted(JsonGenerator g, AcceptedEvent a) throws IOException {
        g.writeStringField("kind", "accepted");
        writeCommon(g, a.requestId(), a.orgId(), a.webhookId(), a.eventName(), a.definitionId(),
                a.definitionVersion(), a.receivedAt(), a.test());
        g.writeStringField("customer", a.customerValue());
        if (a.eventDateTime() != null) {
            g.writeNumberField("eventDateTime", a.eventDateTime());
        }
        g.writeFieldName("attributes");
        g.writeStartObject();
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
        if (a.uniqueValues() != null) {
            g.writeArrayFieldStart("uniqueValues");
            for (String v : a.uniqueValues()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        // An accepted body parsed as JSON, so it is valid UTF-8 and travels as text; escaped from its
        // bytes as they are, without decoding them to a String first (the same text either way).
        g.writeFieldName("body");
        g.writeUTF8String(a.body(), 0, a.body().length);
    }

    /**
     * The validator's types written directly; anything else (an object or array attribute, a JsonNode)
     * through the mapper, whose serializer lookup costs more than the write itself for a scalar.
     */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String text) {
            g.writeString(text);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            JSON.writeValue(g, v);
        }
    }

    private static void writeRejected(JsonGenerator g, RejectedRequest r) throws IOException {
        g.writeStringField("kind", "rejected");
        writeCommon(g, r.requestId(), r.orgId(), r.webhookId(), r.eventName(), r.definitionId(),
                r.definitionVersion(), r.receivedAt(), r.test());
        g.writeNumberField("errorCode", r.errorCode());
        g.writeArrayFieldStart("errors");
        for (FieldProblem p : r.errors()) {
            g.writeStartObject();
            if (p.attribute() != null) {
                g.writeStringField("attribute", p.attribute());
            }
            g.writeStringField("code", p.code());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        // A rejected body may be anything, invalid UTF-8 included.
        g.writeStringField("body64", Base64.getEncoder().encodeToString(r.body()));
    }

    private static void writeCommon(JsonGenerator g, String requestId, String orgId, String webhookId, String eventName,
            String definitionId, int definitionVersion, long receivedAt, boolean test) throws IOException {
        g.writeStringField("requestId", requestId);
        g.writeStringField("org", orgId);
        g.writeStringField("webhook", webhookId);
        if (eventName != null) {
            g.writeStringField("event", eventName);
        }
        if (definitionId != null) {
            g.writeStringField("definition", definitionId);
            g.writeNumberField("definitionVersion", definitionVersion);
        }
        g.writeNumberField("receivedAt", receivedAt);
        g.writeBooleanField("test", test);
    }

    /** @throws UnreadableRecordException when the bytes are not a record of a known version */
    public static LogRecord decode(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UnreadableRecordException("not a log record: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("v").asInt(-1) != VERSION) {
            throw new UnreadableRecordException("unknown log record format " + (root == null ? "null" : root.path("v")), null);
        }
        try {
            return "accepted".equals(root.path("kind").asText()) ? readAccepted(root) : readRejected(root);
        } catch (RuntimeException e) {
            throw new UnreadableRecordException("malformed log record: " + e.getMessage(), e);
        }
    }

    private static AcceptedEvent readAccepted(JsonNode r) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            attributes.put(e.getKey(), value(e.getValue()));
        }
        List<String> unique = null;
        if (r.has("uniqueValues")) {
            unique = new ArrayList<>(2);
            for (JsonNode v : r.get("uniqueValues")) {
                unique.add(v.asText());
            }
        }
        return new AcceptedEvent(r.path("requestId").asText(), r.path("org").asText(), r.path("webhook").asText(),
                text(r, "event"), text(r, "definition"), r.path("definitionVersion").asInt(), r.path("receivedAt").asLong(),
                r.path("test").asBoolean(), text(r, "customer"),
                r.has("eventDateTime") ? r.get("eventDateTime").asLong() : null, attributes, unique,
                r.path("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    private static RejectedRequest readRejected(JsonNode r) {
        List<FieldProblem> errors = new ArrayList<>();
        for (JsonNode e : r.path("errors")) {
            errors.add(new FieldProblem(text(e, "attribute"), e.path("code").asText(), e.path("message").asText()));
        }
        return new RejectedRequest(r.path("requestId").asText(), r.path("org").asText(), r.path("webhook").asText(),
                text(r, "event"), text(r, "definition"), r.path("definitionVersion").asInt(), r.path("receivedAt").asLong(),
                r.path("test").asBoolean(), r.path("errorCode").asInt(), errors,
                Base64.getDecoder().decode(r.path("body64").asText()));
    }

    /** Typed as the validator typed it: whole numbers are Long, others Double; objects stay JSON. */
    private static Object value(JsonNode v) {
        JsonNodeType type = v.getNodeType();
        return switch (type) {
            case STRING -> v.textValue();
            case BOOLEAN -> v.booleanValue();
            case NUMBER -> v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
            case NULL -> null;
            default -> v;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
