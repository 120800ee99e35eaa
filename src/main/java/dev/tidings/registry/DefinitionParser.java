package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a whole create/replace request for an event definition (DESIGN §4) and collects every problem,
 * whole-event ones (attribute null) and per-attribute ones, so an admin fixes them in one round.
 */
final class DefinitionParser {

    private static final Set<String> FIELDS = Set.of("name", "displayName", "description", "attributes",
            "unknownAttributes");
    /**
     * Server-managed fields of a definition as the API answers it. They are skipped, not refused, so a
     * definition read with GET can be edited and sent back with PUT; the server never takes them from input.
     */
    private static final Set<String> READ_ONLY = Set.of("id", "orgId", "status", "testStatus", "version",
            "createdAt", "updatedAt", "samplePayload");
    static final int MAX_DISPLAY_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    private final List<FieldProblem> problems = new ArrayList<>();

    private DefinitionParser() {
    }

    static ParsedDefinition parse(JsonNode body) {
        return new DefinitionParser().read(body);
    }

    private ParsedDefinition read(JsonNode body) {
        if (body == null || !body.isObject()) {
            problems.add(FieldProblem.whole("INVALID_VALUE", "an event definition must be a JSON object"));
            return new ParsedDefinition(null, null, null, List.of(), UnknownAttributes.IGNORE, problems);
        }
        for (String field : fieldNames(body)) {
            if (!FIELDS.contains(field) && !READ_ONLY.contains(field)) {
                problems.add(FieldProblem.whole("UNKNOWN_FIELD", "unknown field " + field + "; known fields are "
                        + FIELDS.stream().sorted().toList()));
            }
        }
        String name = readName(body.get("name"));
        String displayName = readText(body.get("displayName"), "displayName", MAX_DISPLAY_NAME_LENGTH);
        String description = readText(body.get("description"), "description", MAX_DESCRIPTION_LENGTH);
        UnknownAttributes unknown = readUnknownAttributes(body.get("unknownAttributes"));
        List<AttributeDefinition> attributes = readAttributes(body.get("attributes"));
        return new ParsedDefinition(name, displayName == null ? name : displayName, description, attributes,
                unknown, problems);
    }

    private String readName(JsonNode n) {
        if (n == null || n.isNull()) {
            problems.add(FieldProblem.whole("REQUIRED", "name is mandatory"));
            return null;
        }
        if (!n.isTextual() || !DefinitionRules.isName(n.textValue())) {
            problems.add(FieldProblem.whole("INVALID_NAME", "name must be letters, digits and underscores, got " + n));
            return null;
        }
        if (n.textValue().length() > DefinitionRules.MAX_NAME_LENGTH) {
            problems.add(FieldProblem.whole("TOO_LONG", "name must be at most " + DefinitionRules.MAX_NAME_LENGTH
                    + " characters, got " + n.textValue().length()));
            return null;
        }
        return n.textValue();
    }

    private String readText(JsonNode n, String field, int maxLength) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            problems.add(FieldProblem.whole("INVALID_VALUE", field + " must be a non-blank string, got " + n));
            return null;
        }
        if (n.textValue().length() > maxLength) {
            problems.add(FieldProblem.whole("TOO_LONG", field + " must be at most " + maxLength
                    + " characters, got " + n.textValue().length()));
            return null;
        }
        return n.textValue();
    }

    private UnknownAttributes readUnknownAttributes(JsonNode n) {
        if (n == null || n.isNull()) {
            return UnknownAttributes.IGNORE;
        }
        for (UnknownAttributes policy : UnknownAttributes.values()) {
            if (n.isTextual() && policy.name().equals(n.textValue())) {
                return policy;
            }
        }
        problems.add(FieldProblem.whole("INVALID_VALUE", "unknownAttributes must be one of "
                + Arrays.toString(UnknownAttributes.values()) + ", got " + n));
        return UnknownAttributes.IGNORE;
    }

    private List<AttributeDefinition> readAttributes(JsonNode n) {
        if (n == null || n.isNull()) {
            problems.add(FieldProblem.whole("REQUIRED", "attributes is mandatory: every event has a CUSTOMER attribute"));
            return List.of();
        }
        if (!n.isArray()) {
            problems.add(FieldProblem.whole("INVALID_VALUE", "attributes must be an array, got " + n.getNodeType()));
            return List.of();
        }
        if (n.size() > DefinitionRules.MAX_ATTRIBUTES) {
            problems.add(FieldProblem.whole("TOO_MANY_ATTRIBUTES", "an event has at most "
                    + DefinitionRules.MAX_ATTRIBUTES + " attributes, got " + n.size()));
        }
        List<AttributeDefinition> attributes = new ArrayList<>(n.size());
        // Keyed case-insensitively: "Age" next to "age" is nearly always a typo, and the two would be
        // hard to tell apart in attr.NAME filters, loyalty rules and case-folding SQL lookups.
        Map<String, String> seen = new HashMap<>();
        int customers = 0;
        for (int i = 0; i < n.size(); i++) {
            JsonNode element = n.get(i);
            if (element.isObject() && "CUSTOMER".equals(element.path("type").textValue())) {
                customers++;
            }
            AttributeDefinition attribute = AttributeParser.parse(element, i, problems);
            if (attribute == null) {
                continue;
            }
            String earlier = seen.putIfAbsent(attribute.name().toLowerCase(Locale.ROOT), attribute.name());
            if (earlier != null) {
                problems.add(FieldProblem.of(attribute.name(), "DUPLICATE_ATTRIBUTE", attribute.name()
                        + " is declared twice" + (earlier.equals(attribute.name()) ? "" : " (as " + earlier
                        + "; names differing only in case are the same attribute)")));
                continue;
            }
            attributes.add(attribute);
        }
        if (customers != 1) {
            problems.add(FieldProblem.whole("CUSTOMER_COUNT", "an event needs exactly one CUSTOMER attribute, got "
                    + customers));
        }
        return attributes;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            names.add(field.getKey());
        }
        return names;
    }
}
