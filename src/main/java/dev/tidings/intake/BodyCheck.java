package dev.tidings.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.ValidationResult;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the raw bytes of an authenticated request into an accepted event or a rejection with its
 * {@link IntakeError}, message and per-attribute problems: parse once, pick the definition by
 * {@code event_name}, validate. No HTTP, no I/O, no thread of its own, so hostile-input properties can
 * run the exact intake path without a server. Every failure of the input is a value, never an
 * exception; an exception escaping from here is a bug.
 */
final class BodyCheck {

    /** What a body came to: {@link Accepted} or {@link Rejected}. */
    sealed interface Outcome permits Accepted, Rejected {}

    record Accepted(String eventName, ActiveDefinition definition, ValidationResult result, ObjectNode body) implements Outcome {}

    /** {@code eventName} and {@code definition} are null when the body failed before naming a known event. */
    record Rejected(IntakeError error, String message, String eventName, ActiveDefinition definition,
            List<FieldProblem> problems) implements Outcome {}

    private final ObjectReader json;

    BodyCheck(IntakeJson json) {
        this.json = json.reader();
    }

    /** {@code definitions} finds the org's current definition of an event name, or null. */
    Outcome check(byte[] body, Function<String, ActiveDefinition> definitions) {
        Object parsed = parse(body);
        return parsed instanceof Rejected r ? r : check((JsonNode) parsed, definitions);
    }

    /** The body's JSON tree, or the {@link Rejected} saying why it is not JSON. */
    Object parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (StreamConstraintsException e) {
            return rejected(IntakeError.TOO_DEEP, "Body exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return rejected(IntakeError.INVALID_JSON,
                    "Body is not valid JSON: " + e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            // Invalid UTF-8 and similar decoding failures surface as plain IOExceptions.
            return rejected(IntakeError.INVALID_JSON, "Body is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return rejected(IntakeError.INVALID_JSON, "Body is empty: expected one JSON object");
        }
        return root;
    }

    /** An already parsed body (a batch's element, a mapped body, a Segment message) checked as a single post. */
    Outcome check(JsonNode root, Function<String, ActiveDefinition> definitions) {
        if (!root.isObject()) {
            return rejected(IntakeError.NOT_AN_OBJECT,
                    "Body must be one JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        JsonNode nameNode = root.get("event_name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
            return new Rejected(IntakeError.MISSING_EVENT_NAME,
                    "Body must have event_name, a non-empty string naming one of the org's events", null, null,
                    List.of(FieldProblem.of("event_name", "REQUIRED", "event_name is mandatory")));
        }
        String eventName = nameNode.textValue();
        ActiveDefinition definition = definitions.apply(eventName);
        if (definition == null) {
            return new Rejected(IntakeError.UNKNOWN_EVENT, "Unknown event " + shorten(eventName)
                    + ": create it first (POST /api/v1/orgs/{org}/events)", eventName, null, List.of());
        }
        if (definition.definition().status() == DefinitionStatus.DISABLED) {
            return new Rejected(IntakeError.EVENT_DISABLED, "Event " + eventName + " is disabled", eventName,
                    definition, List.of());
        }
        ObjectNode object = (ObjectNode) root;
        ValidationResult result = definition.validator().validate(object);
        if (!result.valid()) {
            return new Rejected(IntakeError.VALIDATION_FAILED, "Event " + eventName + " failed validation",
                    eventName, definition, result.problems());
        }
        return new Accepted(eventName, definition, result, object);
    }

    static Rejected rejected(IntakeError error, String message) {
        return new Rejected(error, message, null, null, List.of());
    }

    /** An unknown name is the sender's text; echo enough to recognise it, not a 32 KiB string. */
    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
