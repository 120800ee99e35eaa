package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import java.util.List;
import java.util.Map;

/**
 * A webhook's compiled mapping (DESIGN §8): the optional JSLT {@code transform} first, then
 * {@code eventName}, then {@code fields} (attribute ← source path; the source field is moved, so a
 * definition that rejects unknown attributes does not see it again), then {@code values} per attribute.
 * Immutable and shared by all intake threads; built by {@link WebhookMappings#compile}. A mapping with a
 * transform is applied on a worker thread (a JSLT program is the user's code), one without on the
 * event loop (a few map lookups).
 */
public final class WebhookMapping {

    /** The mapped body, or why the body could not be mapped. {@code sources} names each mapped attribute's path. */
    public record Result(ObjectNode body, List<FieldProblem> problems) {
        public boolean mapped() {
            return problems.isEmpty();
        }
    }

    private final Expression transform;
    private final SourcePath eventNamePath;
    private final Map<String, String> eventNames;
    private final Map<String, SourcePath> fields;
    private final Map<String, Map<String, String>> values;

    WebhookMapping(Expression transform, SourcePath eventNamePath, Map<String, String> eventNames, Map<String, SourcePath> fields,
            Map<String, Map<String, String>> values) {
        this.transform = transform;
        this.eventNamePath = eventNamePath;
        this.eventNames = eventNames;
        this.fields = fields;
        this.values = values;
    }

    /** True when applying it runs a user's JSLT program, which belongs on a worker thread. */
    public boolean hasTransform() {
        return transform != null;
    }

    /** The body the intake validates in place of {@code body}; the posted body is left untouched. */
    public Result apply(ObjectNode body) {
        JsonNode source = body;
        if (transform != null) {
            try {
                source = transform.apply(body);
            } catch (JsltException | StackOverflowError | ArithmeticException e) {
                return failed("transform failed: " + e.getMessage());
            }
            if (source == null || !source.isObject()) {
                return failed("transform must produce one JSON object, got "
                        + (source == null ? "nothing" : source.getNodeType().name().toLowerCase()));
            }
        }
        ObjectNode out = transform != null ? (ObjectNode) source : body.deepCopy();
        // Read every source first, then move: a path may lie inside another mapped field's source.
        JsonNode name = eventNamePath == null ? null : eventNamePath.read(out);
        Map<String, JsonNode> mapped = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, SourcePath> f : fields.entrySet()) {
            JsonNode value = f.getValue().read(out);
            if (!value.isMissingNode()) {
                mapped.put(f.getKey(), value);
            }
        }
        if (eventNamePath != null && !eventNamePath.toString().equals("event_name")) {
            eventNamePath.remove(out);
        }
        for (Map.Entry<String, SourcePath> f : fields.entrySet()) {
            if (!f.getValue().toString().equals(f.getKey())) {
                f.getValue().remove(out);
            }
        }
        if (name != null && name.isValueNode() && !name.isNull()) {
            out.put("event_name", eventNames.getOrDefault(name.asText(), name.asText()));
        }
        mapped.forEach(out::set);
        for (Map.Entry<String, Map<String, String>> v : values.entrySet()) {
            JsonNode value = out.get(v.getKey());
            if (value != null && value.isValueNode() && !value.isNull()) {
                String translated = v.getValue().get(value.asText());
                if (translated != null) {
                    out.set(v.getKey(), JsonNodeFactory.instance.textNode(translated));
                }
            }
        }
        return new Result(out, List.of());
    }

    /** The source path an attribute is mapped from, or null: error messages name it. */
    public String sourceOf(String attribute) {
        SourcePath path = fields.get(attribute);
        if (path != null) {
            return path.toString();
        }
        return attribute.equals("event_name") && eventNamePath != null ? eventNamePath.toString() : null;
    }

    private static Result failed(String message) {
        return new Result(null, List.of(FieldProblem.whole("MAPPING_FAILED", message)));
    }
}
