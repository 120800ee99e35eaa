package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules an event definition must follow (DESIGN §4): what a create/replace request may contain,
 * what may change once the event is published, and what a valid event for it looks like. Pure logic,
 * no I/O; the admin API turns the problems into a 400 or 409.
 *
 * <p>Decisions beyond the design: attribute names are unique case-insensitively and the reserved names
 * are matched the same way; {@code uniqueKey} attributes must be required; the CUSTOMER attribute is
 * required when {@code required} is omitted; read-only fields of a definition (id, status, version…)
 * are skipped so that what GET answers can be sent back with PUT.
 */
public final class DefinitionRules {

    /** Longest event or attribute name (DOMAIN.md). */
    public static final int MAX_NAME_LENGTH = 50;
    /** Most attributes per event (DOMAIN.md). */
    public static final int MAX_ATTRIBUTES = 20;

    private DefinitionRules() {
    }

    /** Reads a create/replace request, collecting every problem at once. */
    public static ParsedDefinition parse(JsonNode body) {
        return DefinitionParser.parse(body);
    }

    /**
     * Problems (code CHANGE_NOT_ALLOWED, one per attribute) with replacing the attributes of the published
     * {@code current} by {@code proposed}. Stored events and loyalty rules rely on published attributes, so
     * only optional attributes may be added; the unknown-attributes policy may change freely.
     */
    public static List<FieldProblem> checkChangeToPublished(EventDefinition current, List<AttributeDefinition> proposed) {
        Map<String, AttributeDefinition> byName = new HashMap<>();
        for (AttributeDefinition p : proposed) {
            byName.put(p.name(), p);
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> currentKeys = new ArrayList<>();
        for (AttributeDefinition c : current.attributes()) {
            AttributeDefinition p = byName.remove(c.name());
            if (p == null) {
                problems.add(notAllowed(c.name(), c.name() + " cannot be removed from a published event"));
            } else if (!c.equals(p)) {
                problems.add(notAllowed(c.name(), c.name() + " cannot change once the event is published (changed: "
                        + String.join(", ", changedProperties(c, p)) + ")"));
            } else if (c.uniqueKey()) {
                currentKeys.add(c.name());
            }
        }
        for (AttributeDefinition p : proposed) {
            if (byName.containsKey(p.name()) && p.required()) {
                problems.add(notAllowed(p.name(), p.name() + " is new and required; a published event may only"
                        + " gain optional attributes, as senders do not know about it yet"));
            }
        }
        // The de-duplication key joins the uniqueKey values in definition order: reordering them would
        // stop every later event from matching the duplicates sent before the change.
        int k = 0;
        for (AttributeDefinition p : proposed) {
            if (p.uniqueKey() && k < currentKeys.size() && currentKeys.contains(p.name())) {
                if (!currentKeys.get(k).equals(p.name())) {
                    problems.add(notAllowed(p.name(), p.name() + " cannot move before " + currentKeys.get(k)
                            + ": the order of uniqueKey attributes makes the de-duplication key"));
                    break;
                }
                k++;
            }
        }
        return problems;
    }

    /** A valid example body for {@code d}, shown to admins next to the definition. */
    public static ObjectNode samplePayload(EventDefinition d) {
        return SamplePayloads.of(d);
    }

    /** Why the sample payload lacks an attribute (its pattern yielded no value); empty when it is complete. */
    public static List<String> samplePayloadNotes(EventDefinition d) {
        return SamplePayloads.sample(d).notes();
    }

    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static boolean isReserved(String name) {
        return name.equalsIgnoreCase("eventDateTime") || name.equalsIgnoreCase("event_name");
    }

    private static FieldProblem notAllowed(String attribute, String message) {
        return FieldProblem.of(attribute, "CHANGE_NOT_ALLOWED", message);
    }

    private static List<String> changedProperties(AttributeDefinition c, AttributeDefinition p) {
        List<String> changed = new ArrayList<>();
        addIf(changed, c.type() != p.type(), "type");
        addIf(changed, c.required() != p.required(), "required");
        addIf(changed, c.uniqueKey() != p.uniqueKey(), "uniqueKey");
        addIf(changed, !Objects.equals(c.pattern(), p.pattern()), "pattern");
        addIf(changed, !Objects.equals(c.values(), p.values()), "values");
        addIf(changed, c.identifierType() != p.identifierType(), "identifierType");
        addIf(changed, c.addCustomerIfNotExists() != p.addCustomerIfNotExists(), "addCustomerIfNotExists");
        return changed;
    }

    private static void addIf(List<String> list, boolean condition, String property) {
        if (condition) {
            list.add(property);
        }
    }
}
