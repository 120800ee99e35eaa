package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import com.google.re2j.Pattern;

/**
 * The compiled rules of one declared attribute: turns a present, non-null JSON value into its typed
 * value, or into the {@link FieldProblem} that says why it cannot be. Returning either from one method
 * (rather than throwing, or filling a result object) keeps the valid path free of extra allocation.
 * Built once per definition version; immutable and thread-safe.
 */
final class AttributeCheck {

    /** Longest STRING value kept; longer ones are refused rather than truncated, which would corrupt data. */
    static final int MAX_STRING_LENGTH = 8192;
    /** Longest customer identifier; generous for any real id, and it becomes part of lookup keys. */
    static final int MAX_IDENTIFIER_LENGTH = 256;

    final String name;
    final boolean required;
    final AttributeType type;
    private final Pattern pattern;
    private final Map<String, String> enumValues;
    private final IdentifierType identifierType;
    private final FieldProblem missing;
    private final String expected;

    private AttributeCheck(AttributeDefinition a) {
        this.name = a.name();
        this.required = a.required();
        this.type = a.type();
        this.pattern = a.type() == AttributeType.STRING && a.pattern() != null ? Pattern.compile(a.pattern()) : null;
        this.enumValues = a.type() == AttributeType.ENUM ? indexValues(a) : Map.of();
        this.identifierType = a.identifierType();
        if (identifierType == IdentifierType.MOBILE) {
            MobileNumbers.warmUp();
        }
        this.missing = FieldProblem.of(name, "REQUIRED", name + " is mandatory");
        this.expected = expectedValue(a);
    }

    static AttributeCheck of(AttributeDefinition a) {
        return new AttributeCheck(a);
    }

    /** The problem for a required attribute that is absent or null; the same instance every time. */
    FieldProblem missing() {
        return missing;
    }

    /** The typed value of {@code v} (present, not JSON null), or the FieldProblem explaining its rejection. */
    Object check(JsonNode v) {
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
            return wrongType(v);
        }
        if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
            // 1e400 parses as Infinity: as text it would be stored as "Infinity", which nobody sent.
            return wrongType(v);
        }
        return switch (type) {
            case STRING -> string(v);
            case DOUBLE -> decimal(v);
            case INTEGER -> integer(v);
            case BOOLEAN -> bool(v);
            case DATE -> date(v);
            case ENUM -> enumValue(v);
            case CUSTOMER -> customer(v);
        };
    }

    private Object string(JsonNode v) {
        String text = v.isTextual() ? v.textValue() : v.asText();
        if (text.length() > MAX_STRING_LENGTH) {
            return FieldProblem.of(name, "TOO_LONG", name + " must be at most " + MAX_STRING_LENGTH
                    + " characters, got " + text.length());
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            return FieldProblem.of(name, "PATTERN_MISMATCH", name + " must match the pattern "
                    + pattern.pattern() + ", got " + describe(v));
        }
        return text;
    }

    private Object decimal(JsonNode v) {
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual() && NumberText.isDecimal(v.textValue())) {
            d = NumberText.toDouble(v.textValue());
        } else {
            return wrongType(v);
        }
        // Huge literals such as 1e400 become Infinity, which no store or rule can use.
        return Double.isFinite(d) ? Double.valueOf(d) : wrongType(v);
    }

    private Object integer(JsonNode v) {
        Long value;
        if (v.isIntegralNumber()) {
            value = v.canConvertToLong() ? Long.valueOf(v.longValue()) : null;
        } else if (v.isBigDecimal()) {
            value = NumberText.exactLong(v.decimalValue());
        } else if (v.isNumber()) {
            value = NumberText.exactLong(v.doubleValue());
        } else if (v.isTextual() && NumberText.isDecimal(v.textValue())) {
            value = NumberText.toLong(v.textValue());
        } else {
            value = null;
        }
        return value != null ? value : wrongType(v);
    }

    private Object bool(JsonNode v) {
        if (v.isBoolean()) {
            return Boolean.valueOf(v.booleanValue());
        }
        if (v.isTextual()) {
            String t = v.textValue();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return wrongType(v);
    }

    private Object date(JsonNode v) {
        if (v.isTextual()) {
            OptionalLong millis = EventDates.parseEpochMillis(v.textValue());
            if (millis.isPresent()) {
                return Long.valueOf(millis.getAsLong());
            }
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Long.valueOf(v.longValue());
        }
        return badDate(name, v);
    }

    private Object enumValue(JsonNode v) {
        String declared = enumValues.get(v.isTextual() ? v.textValue() : v.asText());
        if (declared == null && v.isFloatingPointNumber()) {
            // 12.0 is how some JSON writers send 12; it matches "12", not only "12.0".
            Long whole = NumberText.exactLong(v.doubleValue());
            declared = whole == null ? null : enumValues.get(whole.toString());
        }
        if (declared == null) {
            return FieldProblem.of(name, "NOT_IN_ENUM", name + " must be " + expected + ", got " + describe(v));
        }
        return declared;
    }

    /**
     * The identifier as a String when it is its own key, or a {@link CustomerValue} when the key differs
     * from what was sent (a MOBILE in international form): the event keeps the original, the customer
     * is found by the key.
     */
    private Object customer(JsonNode v) {
        if (v.isBoolean()) {
            return wrongType(v);
        }
        String id = v.isTextual() ? v.textValue() : v.asText();
        if (id.isBlank() || id.length() > MAX_IDENTIFIER_LENGTH) {
            return wrongType(v);
        }
        if (identifierType == IdentifierType.MOBILE) {
            String key = MobileNumbers.normalise(id);
            return key == null ? wrongType(v) : key.equals(id) ? id : new CustomerValue(id, key);
        }
        if (identifierType == IdentifierType.EMAIL) {
            int at = id.indexOf('@');
            return at > 0 && at < id.length() - 1 ? id : wrongType(v);
        }
        return id;
    }

    /** A customer identifier whose lookup key differs from the value sent. */
    record CustomerValue(String original, String key) {}

    private FieldProblem wrongType(JsonNode v) {
        return FieldProblem.of(name, "WRONG_TYPE", name + " must be " + expected + ", got " + describe(v));
    }

    static FieldProblem badDate(String attribute, JsonNode v) {
        return FieldProblem.of(attribute, "BAD_DATE", attribute + " must be a date in one of the formats "
                + EventDates.formats() + ", or epoch milliseconds as a number; got " + describe(v));
    }

    /** The offending value as a person would recognise it, cut short so messages stay readable. */
    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
            return "a number beyond the range of a 64-bit float (about ±1.8e308)";
        }
        String text = v.isTextual() ? v.textValue() : v.toString();
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return v.isTextual() ? '"' + shown + '"' : shown;
    }

    private static Map<String, String> indexValues(AttributeDefinition a) {
        Map<String, String> index = new HashMap<>();
        if (a.values() != null) {
            for (String value : a.values()) {
                index.put(value, value);
            }
        }
        return Map.copyOf(index);
    }

    private static String expectedValue(AttributeDefinition a) {
        return switch (a.type()) {
            case STRING -> "a string";
            case DOUBLE -> "a finite number (Double)";
            case INTEGER -> "a whole number that fits in 64 bits (Integer)";
            case BOOLEAN -> "true or false (Boolean)";
            case DATE -> "a date or epoch milliseconds (Date)";
            case ENUM -> "one of " + a.values();
            case CUSTOMER -> "a customer identifier (" + a.identifierType() + ")"
                    + identifierHint(a.identifierType());
        };
    }

    private static String identifierHint(IdentifierType t) {
        if (t == IdentifierType.EMAIL) {
            return ": an address with text on both sides of '@'";
        }
        if (t == IdentifierType.MOBILE) {
            return ": 6 to 20 digits, or an international number such as +91 98765 43210";
        }
        return ": non-empty, at most " + MAX_IDENTIFIER_LENGTH + " characters";
    }
}
