package dev.tidings.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.EventValidator;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.MobileNumbers;
import dev.tidings.store.EventQuery.Identifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Segment's message shapes turned into Tidings' (DESIGN §8): a batch's messages with the batch's
 * {@code context} and {@code integrations} merged in, a {@code track} as an event body, an
 * {@code identify} as customer identifiers. No I/O.
 */
final class SegmentMessages {
    private SegmentMessages() {}

    /** The messages of a call: the body itself for a single call, {@code batch[]} for batch and import. */
    static List<JsonNode> of(String call, ObjectNode body) {
        if (!call.equals("batch") && !call.equals("import")) {
            ObjectNode message = body.deepCopy();
            if (!message.hasNonNull("type")) {
                message.put("type", call);
            }
            return List.of(message);
        }
        JsonNode batch = body.get("batch");
        if (batch == null || !batch.isArray()) {
            return null;
        }
        List<JsonNode> messages = new ArrayList<>(batch.size());
        for (JsonNode m : batch) {
            if (m.isObject()) {
                merge((ObjectNode) m, "context", body.get("context"));
                merge((ObjectNode) m, "integrations", body.get("integrations"));
            }
            messages.add(m);
        }
        return messages;
    }

    /** The batch's object fills what the message's own lacks; the message's values win. */
    private static void merge(ObjectNode message, String field, JsonNode shared) {
        if (shared == null || !shared.isObject() || shared.isEmpty()) {
            return;
        }
        JsonNode own = message.get(field);
        if (own == null || !own.isObject()) {
            message.set(field, shared.deepCopy());
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = shared.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!own.has(e.getKey())) {
                ((ObjectNode) own).set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    static String text(JsonNode message, String field) {
        JsonNode v = message.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /**
     * A track as the event body the intake checks: {@code properties} as attributes, {@code event} as
     * {@code event_name}, {@code userId} into the definition's CUSTOMER attribute when the properties
     * lack it, {@code timestamp} as {@code eventDateTime}.
     */
    static ObjectNode event(JsonNode track, Function<String, ActiveDefinition> definitions) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        JsonNode properties = track.get("properties");
        if (properties != null && properties.isObject()) {
            event.setAll((ObjectNode) properties);
        }
        String name = text(track, "event");
        if (name != null) {
            event.put(EventValidator.EVENT_NAME, name);
        }
        String userId = text(track, "userId");
        ActiveDefinition definition = name == null ? null : definitions.apply(name);
        if (userId != null && definition != null) {
            for (AttributeDefinition a : definition.definition().attributes()) {
                if (a.type() == AttributeType.CUSTOMER && !event.hasNonNull(a.name())) {
                    event.put(a.name(), userId);
                }
            }
        }
        String timestamp = text(track, "timestamp");
        if (timestamp != null && !event.hasNonNull(EventValidator.EVENT_DATE_TIME)) {
            event.put(EventValidator.EVENT_DATE_TIME, timestamp);
        }
        return event;
    }

    /** An identify's identifiers: {@code userId} as USER_ID, {@code traits.email} as EMAIL, {@code traits.phone} as MOBILE. */
    static List<Identifier> identifiers(JsonNode identify) {
        List<Identifier> ids = new ArrayList<>(3);
        String userId = text(identify, "userId");
        if (userId != null && !userId.isBlank() && userId.length() <= 256) {
            ids.add(new Identifier(IdentifierType.USER_ID, userId));
        }
        JsonNode traits = identify.path("traits");
        String email = text(traits, "email");
        if (email != null && !email.isBlank() && email.length() <= 256) {
            ids.add(new Identifier(IdentifierType.EMAIL, email));
        }
        String phone = text(traits, "phone");
        String mobile = phone == null ? null : MobileNumbers.normalise(phone);
        if (mobile != null) {
            ids.add(new Identifier(IdentifierType.MOBILE, mobile));
        }
        return ids;
    }
}
