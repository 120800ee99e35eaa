package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Reads one entry of a definition's {@code attributes} array, adding a problem for each rule it breaks
 * (DESIGN §4). Problems are reported under the attribute's name, or under a path such as
 * {@code attributes[3].type} when the name itself is unusable, so the admin can find the entry.
 */
final class AttributeParser {

    private static final Set<String> FIELDS = Set.of("name", "type", "required", "uniqueKey", "pattern", "values",
            "identifierType", "addCustomerIfNotExists");
    /** Patterns run against every event on the hot path; a bound keeps them reviewable and cheap to compile. */
    static final int MAX_PATTERN_LENGTH = 500;
    private static final String TYPES = Arrays.toString(AttributeType.values());
    private static final String IDENTIFIER_TYPES = Arrays.toString(IdentifierType.values());

    private final JsonNode node;
    private final String path;
    private final List<FieldProblem> problems;
    private String name;

    private AttributeParser(JsonNode node, int index, List<FieldProblem> problems) {
        this.node = node;
        this.path = "attributes[" + index + "]";
        this.problems = problems;
    }

    /** The attribute at {@code index}, or null when its name or type is unusable; problems go to {@code problems}. */
    static AttributeDefinition parse(JsonNode node, int index, List<FieldProblem> problems) {
        return new AttributeParser(node, index, problems).parse();
    }

    private AttributeDefinition parse() {
        if (!node.isObject()) {
            problems.add(FieldProblem.of(path, "INVALID_VALUE", path + " must be an object"));
            return null;
        }
        name = readName();
        String label = name != null ? name : path;
        for (String field : DefinitionParser.fieldNames(node)) {
            if (!FIELDS.contains(field)) {
                problems.add(FieldProblem.of(label, "UNKNOWN_FIELD", label + " has an unknown field " + field
                        + "; known fields are " + FIELDS.stream().sorted().toList()));
            }
        }
        AttributeType type = readType();
        Boolean required = readBoolean("required");
        boolean uniqueKey = Boolean.TRUE.equals(readBoolean("uniqueKey"));
        boolean addCustomer = Boolean.TRUE.equals(readBoolean("addCustomerIfNotExists"));
        if (type == null) {
            return null;
        }
        boolean customer = type == AttributeType.CUSTOMER;
        String pattern = type == AttributeType.STRING ? readPattern() : notApplicable("pattern", type);
        List<String> values = type == AttributeType.ENUM ? readValues() : notApplicable("values", type);
        IdentifierType identifierType = customer ? readIdentifierType() : notApplicable("identifierType", type);
        // false is tolerated where a field does not apply: definitions read back from the API carry
        // every boolean, and an admin editing one should not have to strip them.
        if (addCustomer && !customer) {
            problems.add(FieldProblem.of(at("addCustomerIfNotExists"), "NOT_APPLICABLE",
                    label + ": addCustomerIfNotExists applies only to a CUSTOMER attribute"));
        }
        if (customer && Boolean.FALSE.equals(required)) {
            problems.add(FieldProblem.of(at("required"), "INVALID_VALUE",
                    label + ": the CUSTOMER attribute must be required; there are no anonymous events"));
        }
        if (uniqueKey && customer) {
            problems.add(FieldProblem.of(at("uniqueKey"), "NOT_APPLICABLE",
                    label + ": uniqueKey does not apply to the CUSTOMER attribute, which is always part of the key"));
        } else if (uniqueKey && !Boolean.TRUE.equals(required)) {
            // An absent part would make "missing" a key value of its own, and two events that differ only
            // in whether they sent it would never be duplicates: requiring it keeps the key obvious.
            problems.add(FieldProblem.of(at("uniqueKey"), "INVALID_VALUE",
                    label + ": a uniqueKey attribute must also be required"));
        }
        if (name == null) {
            return null;
        }
        boolean isRequired = customer ? !Boolean.FALSE.equals(required) : Boolean.TRUE.equals(required);
        return new AttributeDefinition(name, type, isRequired, uniqueKey && !customer, pattern, values,
                identifierType, customer && addCustomer);
    }

    private String readName() {
        JsonNode n = node.get("name");
        String at = path + ".name";
        if (n == null || n.isNull()) {
            problems.add(FieldProblem.of(at, "REQUIRED", at + " is mandatory"));
            return null;
        }
        String text = n.isTextual() ? n.textValue() : null;
        if (text != null && DefinitionRules.isName(text) && text.length() > DefinitionRules.MAX_NAME_LENGTH) {
            problems.add(FieldProblem.of(at, "TOO_LONG", at + " must be at most " + DefinitionRules.MAX_NAME_LENGTH
                    + " characters, got " + text.length()));
            return null;
        }
        if (text == null || !DefinitionRules.isName(text)) {
            problems.add(FieldProblem.of(at, "INVALID_NAME", at + " must be letters, digits and underscores, got " + n));
            return null;
        }
        if (DefinitionRules.isReserved(text)) {
            problems.add(FieldProblem.of(text, "RESERVED_NAME", text
                    + " is reserved: eventDateTime and event_name are part of every event and are never declared"));
            return null;
        }
        return text;
    }

    private AttributeType readType() {
        JsonNode t = node.get("type");
        if (t == null || t.isNull()) {
            problems.add(FieldProblem.of(at("type"), "REQUIRED", label() + ": type is mandatory, one of " + TYPES));
            return null;
        }
        for (AttributeType type : AttributeType.values()) {
            if (t.isTextual() && type.name().equals(t.textValue())) {
                return type;
            }
        }
        problems.add(FieldProblem.of(at("type"), "INVALID_TYPE", label() + ": type must be one of " + TYPES + ", got " + t));
        return null;
    }

    private Boolean readBoolean(String field) {
        JsonNode b = node.get(field);
        if (b == null || b.isNull()) {
            return null;
        }
        if (!b.isBoolean()) {
            problems.add(FieldProblem.of(at(field), "INVALID_VALUE", label() + ": " + field + " must be true or false, got " + b));
            return null;
        }
        return b.booleanValue();
    }

    private String readPattern() {
        JsonNode p = node.get("pattern");
        if (p == null || p.isNull()) {
            return null;
        }
        if (!p.isTextual() || p.textValue().isEmpty()) {
            problems.add(FieldProblem.of(at("pattern"), "INVALID_PATTERN", label() + ": pattern must be a non-empty regular expression"));
            return null;
        }
        if (p.textValue().length() > MAX_PATTERN_LENGTH) {
            problems.add(FieldProblem.of(at("pattern"), "TOO_LONG", label() + ": pattern must be at most "
                    + MAX_PATTERN_LENGTH + " characters"));
            return null;
        }
        if (PatternCost.of(p.textValue()) > PatternCost.MAX) {
            problems.add(FieldProblem.of(at("pattern"), "PATTERN_TOO_COSTLY", label() + ": pattern repeats too much once"
                    + " its counted repetitions are expanded (at most " + PatternCost.MAX + " parts, e.g. (a{100}){100});"
                    + " use + or * instead of large nested counts"));
            return null;
        }
        try {
            // RE2 syntax, matched in linear time (DESIGN §1): no backreferences or lookaround.
            Pattern.compile(p.textValue());
            return p.textValue();
        } catch (PatternSyntaxException e) {
            problems.add(FieldProblem.of(at("pattern"), "INVALID_PATTERN", label() + ": pattern is not a regular"
                    + " expression RE2 accepts (no backreferences or lookaround): " + e.getDescription()
                    + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at `" + e.getPattern() + "`")));
            return null;
        }
    }

    private List<String> readValues() {
        JsonNode v = node.get("values");
        if (v == null || v.isNull()) {
            problems.add(FieldProblem.of(at("values"), "REQUIRED", label() + ": an ENUM needs its list of values"));
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            return invalidValues("values must be a non-empty array of strings or numbers");
        }
        List<String> values = new ArrayList<>(v.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode element : v) {
            if (!element.isTextual() && !element.isNumber()) {
                return invalidValues("values must be strings or numbers, got " + element);
            }
            String text = element.asText();
            if (!seen.add(text)) {
                return invalidValues("values must not repeat, got \"" + text + "\" twice");
            }
            values.add(text);
        }
        return values;
    }

    private List<String> invalidValues(String message) {
        problems.add(FieldProblem.of(at("values"), "INVALID_VALUES", label() + ": " + message));
        return null;
    }

    private IdentifierType readIdentifierType() {
        JsonNode t = node.get("identifierType");
        if (t == null || t.isNull()) {
            problems.add(FieldProblem.of(at("identifierType"), "REQUIRED",
                    label() + ": identifierType is mandatory for the CUSTOMER attribute, one of " + IDENTIFIER_TYPES));
            return null;
        }
        for (IdentifierType type : IdentifierType.values()) {
            if (t.isTextual() && type.name().equals(t.textValue())) {
                return type;
            }
        }
        problems.add(FieldProblem.of(at("identifierType"), "INVALID_IDENTIFIER_TYPE",
                label() + ": identifierType must be one of " + IDENTIFIER_TYPES + ", got " + t));
        return null;
    }

    private <T> T notApplicable(String field, AttributeType type) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull()) {
            problems.add(FieldProblem.of(at(field), "NOT_APPLICABLE", label() + ": " + field
                    + " does not apply to a " + type + " attribute"));
        }
        return null;
    }

    private String label() {
        return name != null ? name : path;
    }

    private String at(String field) {
        return name != null ? name : path + "." + field;
    }
}
