package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks a posted event body against one version of its definition and types its values (DESIGN §3):
 * lenient where the original platform is lenient, strict where leniency would corrupt data, and every
 * problem at once, one per attribute.
 *
 * <p>Built once per definition version (patterns compiled, enum values indexed, messages prepared) and
 * then shared by all intake threads: it is immutable. {@link #validate} is the intake hot path, so it
 * allocates little beyond the result, uses no streams and no exceptions. It does not look at
 * {@code event_name} (the caller used it to pick the definition) and does no I/O.
 */
public final class EventValidator {

    /** Chooses the definition; never an attribute. */
    public static final String EVENT_NAME = "event_name";
    /** The standard attribute of every event (DOMAIN.md), never declared. */
    public static final String EVENT_DATE_TIME = "eventDateTime";

    private final String eventName;
    private final AttributeCheck[] checks;
    private final Map<String, AttributeCheck> byName;
    private final UnknownAttributes unknownAttributes;

    private EventValidator(EventDefinition d) {
        this.eventName = d.name();
        List<AttributeDefinition> attributes = d.attributes();
        this.checks = new AttributeCheck[attributes.size()];
        Map<String, AttributeCheck> index = new HashMap<>();
        for (int i = 0; i < checks.length; i++) {
            checks[i] = AttributeCheck.of(attributes.get(i));
            index.put(checks[i].name, checks[i]);
        }
        this.byName = Map.copyOf(index);
        this.unknownAttributes = d.unknownAttributes() == null ? UnknownAttributes.IGNORE : d.unknownAttributes();
    }

    /**
     * Compiles the rules of {@code d}, which must already have passed the registry's definition rules
     * (an invalid pattern here is a bug upstream and fails loudly).
     */
    public static EventValidator forDefinition(EventDefinition d) {
        return new EventValidator(d);
    }

    /** Every problem of {@code body} and the typed values of its present attributes, in definition order. */
    public ValidationResult validate(ObjectNode body) {
        List<FieldProblem> problems = null;
        Map<String, Object> attributes = new LinkedHashMap<>(checks.length * 2);
        String customer = null;
        for (AttributeCheck check : checks) {
            JsonNode value = body.get(check.name);
            if (value == null || value.isNull()) {
                // null means "not sent": serializers emit it for unset optional fields.
                if (check.required) {
                    problems = add(problems, check.missing());
                }
                continue;
            }
            if (check.required && value.isTextual() && value.textValue().isEmpty()) {
                // A form that left the field blank sent nothing: "mandatory" says that better than "wrong type".
                problems = add(problems, check.missing());
                continue;
            }
            Object typed = check.check(value);
            if (typed instanceof FieldProblem problem) {
                problems = add(problems, problem);
                continue;
            }
            if (typed instanceof AttributeCheck.CustomerValue c) {
                attributes.put(check.name, c.original());
                customer = c.key();
                continue;
            }
            attributes.put(check.name, typed);
            if (check.type == AttributeType.CUSTOMER) {
                customer = (String) typed;
            }
        }
        Long eventDateTime = null;
        JsonNode when = body.get(EVENT_DATE_TIME);
        if (when != null && !when.isNull()) {
            // Epoch milliseconds as a JSON number are accepted here as for DATE attributes (DESIGN §3).
            OptionalLong millis = when.isTextual() ? EventDates.parseEpochMillis(when.textValue())
                    : when.isIntegralNumber() && when.canConvertToLong() ? OptionalLong.of(when.longValue())
                    : OptionalLong.empty();
            if (millis.isPresent()) {
                eventDateTime = millis.getAsLong();
            } else {
                problems = add(problems, AttributeCheck.badDate(EVENT_DATE_TIME, when));
            }
        }
        if (unknownAttributes != UnknownAttributes.IGNORE && body.size() > attributes.size()) {
            problems = unknownFields(body, attributes, problems);
        }
        return new ValidationResult(problems == null ? List.of() : problems, attributes, customer, eventDateTime);
    }

    private List<FieldProblem> unknownFields(ObjectNode body, Map<String, Object> attributes, List<FieldProblem> problems) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String key = field.getKey();
            if (byName.containsKey(key) || key.equals(EVENT_NAME) || key.equals(EVENT_DATE_TIME)) {
                continue;
            }
            if (unknownAttributes == UnknownAttributes.REJECT) {
                problems = add(problems, FieldProblem.of(key, "UNKNOWN_ATTRIBUTE",
                        key + " is not an attribute of event " + eventName));
            } else {
                attributes.put(key, field.getValue());
            }
        }
        return problems;
    }

    /** Lazily created so that a valid event never allocates a problem list. */
    private static List<FieldProblem> add(List<FieldProblem> problems, FieldProblem problem) {
        List<FieldProblem> list = problems == null ? new ArrayList<>(4) : problems;
        list.add(problem);
        return list;
    }
}
