package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a webhook's {@code mapping} when it is saved and compiles it: every problem at once, each
 * naming where it is ({@code mapping.fields.room_nights}). The registry stores only mappings that
 * compiled, so compiling a stored one again (on load) cannot fail.
 */
public final class WebhookMappings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("transform", "eventName", "fields", "values");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_]{1,50}");
    private static final int MAX_TRANSFORM = 16 * 1024;
    private static final int MAX_ENTRIES = 200;

    /** A compiled mapping with its canonical JSON text, or the problems. */
    public record Compiled(WebhookMapping mapping, String json, List<FieldProblem> problems) {}

    private WebhookMappings() {}

    /** Compiles stored JSON text; null text is no mapping. Throws on text that never passed {@link #compile(JsonNode)}. */
    public static WebhookMapping fromStored(String json) {
        if (json == null) {
            return null;
        }
        try {
            Compiled c = compile(JSON.readTree(json));
            if (!c.problems().isEmpty()) {
                throw new IllegalStateException("stored mapping does not compile: " + c.problems());
            }
            return c.mapping();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored mapping is not JSON: " + e.getMessage(), e);
        }
    }

    public static Compiled compile(JsonNode spec) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            problems.add(FieldProblem.of("mapping", "INVALID_VALUE", "mapping must be an object of transform, eventName, fields, values"));
            return new Compiled(null, null, problems);
        }
        spec.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(FieldProblem.of("mapping." + k, "UNKNOWN_FIELD", "mapping has no field " + k
                        + "; it takes transform, eventName, fields and values"));
            }
        });
        Expression transform = transform(spec.get("transform"), problems);
        SourcePath eventNamePath = null;
        Map<String, String> eventNames = Map.of();
        JsonNode eventName = spec.get("eventName");
        if (eventName != null && !eventName.isNull()) {
            if (!eventName.isObject()) {
                problems.add(FieldProblem.of("mapping.eventName", "INVALID_VALUE", "mapping.eventName must be {path, values}"));
            } else {
                eventNamePath = path(eventName.get("path"), "mapping.eventName.path", problems);
                eventNames = strings(eventName.get("values"), "mapping.eventName.values", problems);
            }
        }
        Map<String, SourcePath> fields = new LinkedHashMap<>();
        JsonNode f = spec.get("fields");
        if (f != null && !f.isNull()) {
            if (!f.isObject() || f.size() > MAX_ENTRIES) {
                problems.add(FieldProblem.of("mapping.fields", "INVALID_VALUE",
                        "mapping.fields must be an object of at most " + MAX_ENTRIES + " attribute: path entries"));
            } else {
                f.properties().forEach(e -> {
                    String at = "mapping.fields." + e.getKey();
                    attributeName(e.getKey(), at, problems);
                    SourcePath p = path(e.getValue(), at, problems);
                    if (p != null) {
                        fields.put(e.getKey(), p);
                    }
                });
            }
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        JsonNode v = spec.get("values");
        if (v != null && !v.isNull()) {
            if (!v.isObject() || v.size() > MAX_ENTRIES) {
                problems.add(FieldProblem.of("mapping.values", "INVALID_VALUE",
                        "mapping.values must be an object of attribute: {from: to} entries"));
            } else {
                v.properties().forEach(e -> {
                    String at = "mapping.values." + e.getKey();
                    attributeName(e.getKey(), at, problems);
                    values.put(e.getKey(), strings(e.getValue(), at, problems));
                });
            }
        }
        if (!problems.isEmpty()) {
            return new Compiled(null, null, problems);
        }
        return new Compiled(new WebhookMapping(transform, eventNamePath, eventNames, fields, values), spec.toString(), List.of());
    }

    private static Expression transform(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_TRANSFORM) {
            problems.add(FieldProblem.of("mapping.transform", "INVALID_VALUE",
                    "mapping.transform must be a JSLT program of at most " + MAX_TRANSFORM + " characters, or null"));
            return null;
        }
        try {
            return Parser.compileString(node.textValue());
        } catch (JsltException e) {
            problems.add(FieldProblem.of("mapping.transform", "INVALID_TRANSFORM", "mapping.transform is not valid JSLT: "
                    + e.getMessage()));
            return null;
        }
    }

    private static SourcePath path(JsonNode node, String at, List<FieldProblem> problems) {
        SourcePath p = node != null && node.isTextual() ? SourcePath.parse(node.textValue()) : null;
        if (p == null) {
            problems.add(FieldProblem.of(at, "INVALID_PATH", at + " must be a path such as guest.phone or rooms[0].nights"
                    + " (at most " + SourcePath.MAX_LENGTH + " characters)"));
        }
        return p;
    }

    private static void attributeName(String name, String at, List<FieldProblem> problems) {
        if (!ATTRIBUTE.matcher(name).matches() && !name.equals("eventDateTime")) {
            problems.add(FieldProblem.of(at, "INVALID_NAME", at + ": an attribute name is letters, digits and underscore,"
                    + " at most 50 characters"));
        }
    }

    private static Map<String, String> strings(JsonNode node, String at, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_ENTRIES) {
            problems.add(FieldProblem.of(at, "INVALID_VALUE", at + " must be an object of at most " + MAX_ENTRIES
                    + " \"from\": \"to\" entries"));
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                map.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(FieldProblem.of(at + "." + e.getKey(), "INVALID_VALUE", at + "." + e.getKey() + " must be a string"));
            }
        });
        return Map.copyOf(map);
    }
}
