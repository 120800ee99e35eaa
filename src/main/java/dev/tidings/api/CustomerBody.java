package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.MobileNumbers;
import dev.tidings.store.EventQuery.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code {"identifiers":[{"type":"MOBILE","value":"…"},…]}}, the body that registers a customer.
 * All problems are reported at once, each naming where it is ({@code identifiers[1].type}).
 */
final class CustomerBody {
    static final int MAX_IDENTIFIERS = 10;
    static final int MAX_VALUE_LENGTH = 256;

    private CustomerBody() {}

    static List<Identifier> identifiers(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode array = body.get("identifiers");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_IDENTIFIERS) {
            problems.add(FieldProblem.of("identifiers", "INVALID_VALUE",
                    "identifiers must be an array of 1 to " + MAX_IDENTIFIERS + " {type, value} objects"));
            throw ReadParams.invalid(problems);
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "identifiers[" + i + "]";
            JsonNode item = array.get(i);
            JsonNode type = item.get("type");
            JsonNode value = item.get("value");
            IdentifierType t = type != null && type.isTextual()
                    ? ReadParams.identifierType(type.textValue(), at + ".type", problems)
                    : ReadParams.identifierType(null, at + ".type", problems);
            String v = value != null && value.isTextual() ? value.textValue() : null;
            if (v == null || v.isBlank() || v.length() > MAX_VALUE_LENGTH) {
                problems.add(FieldProblem.of(at + ".value", "INVALID_VALUE",
                        at + ".value must be a non-blank string of at most " + MAX_VALUE_LENGTH + " characters"));
            } else if (t == IdentifierType.MOBILE && MobileNumbers.normalise(v) == null) {
                problems.add(FieldProblem.of(at + ".value", "INVALID_VALUE", at + ".value must be a mobile number:"
                        + " 6 to 20 digits, or an international number such as +91 98765 43210"));
            } else if (t != null && !identifiers.add(new Identifier(t, t == IdentifierType.MOBILE ? MobileNumbers.normalise(v) : v))) {
                problems.add(FieldProblem.of(at, "DUPLICATE", at + " repeats " + t + " " + v));
            }
        }
        if (!problems.isEmpty()) {
            throw ReadParams.invalid(problems);
        }
        return List.copyOf(identifiers);
    }
}
