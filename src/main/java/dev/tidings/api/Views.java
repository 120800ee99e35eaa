package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.Org;
import dev.tidings.registry.Webhook;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of registry objects in admin answers (DESIGN §4). Secrets never appear here. */
final class Views {
    private Views() {}

    static ObjectNode org(Org org) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("id", org.id());
        n.put("name", org.name());
        n.put("createdAt", org.createdAt().toString());
        n.put("timezone", org.timezone());
        return n;
    }

    static ObjectNode definition(EventDefinition d) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("id", d.id());
        n.put("name", d.name());
        n.put("displayName", d.displayName());
        n.put("description", d.description());
        ArrayNode attributes = n.putArray("attributes");
        d.attributes().forEach(a -> attributes.add(attribute(a)));
        n.put("unknownAttributes", d.unknownAttributes().name());
        n.put("status", d.status().name());
        n.put("testStatus", d.testStatus().name());
        n.put("version", d.version());
        n.put("createdAt", d.createdAt().toString());
        n.put("updatedAt", d.updatedAt().toString());
        n.set("samplePayload", DefinitionRules.samplePayload(d));
        List<String> notes = DefinitionRules.samplePayloadNotes(d);
        if (!notes.isEmpty()) {
            ArrayNode array = n.putArray("samplePayloadNotes");
            notes.forEach(array::add);
        }
        return n;
    }

    static ObjectNode attribute(AttributeDefinition a) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("name", a.name());
        n.put("type", a.type().name());
        n.put("required", a.required());
        n.put("uniqueKey", a.uniqueKey());
        if (a.pattern() != null) {
            n.put("pattern", a.pattern());
        }
        if (a.values() != null) {
            ArrayNode values = n.putArray("values");
            a.values().forEach(values::add);
        }
        if (a.type() == AttributeType.CUSTOMER) {
            n.put("identifierType", a.identifierType().name());
            n.put("addCustomerIfNotExists", a.addCustomerIfNotExists());
        }
        return n;
    }

    static ObjectNode webhook(Webhook w, String baseUrl, String cluster) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("id", w.id());
        n.put("name", w.name());
        n.put("url", baseUrl + "/" + cluster + "/webhooks/" + w.id());
        n.put("uniquenessCheck", w.uniquenessCheck());
        n.put("status", w.enabled() ? "ENABLED" : "DISABLED");
        n.put("createdAt", w.createdAt().toString());
        n.put("updatedAt", w.updatedAt().toString());
        if (w.mapping() != null) {
            try {
                n.set("mapping", Replies.mapper().readTree(w.mapping()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored mapping of " + w.id() + " is not JSON", e);
            }
        }
        if (w.rateLimit() != null) {
            n.put("rateLimit", w.rateLimit());
        }
        return n;
    }

    /** {@code {"items":[…],"nextCursor":…}}, the shape of every list. */
    static <T> ObjectNode list(List<T> items, Function<T, ObjectNode> view, String nextCursor) {
        ObjectNode n = Replies.mapper().createObjectNode();
        ArrayNode array = n.putArray("items");
        items.forEach(i -> array.add(view.apply(i)));
        n.put("nextCursor", nextCursor);
        return n;
    }
}
