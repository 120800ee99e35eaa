package dev.tidings.destinations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.store.StoredEvent;

/**
 * What a destination receives (DESIGN §9): {@code {"type":"event.processed","deliveryId","org","event"}}
 * with the stored event in the shape {@code event-data} serves. Built once when the delivery is
 * created and kept with it, so every attempt sends the same bytes under the same {@code webhook-id}.
 */
public final class DeliveryBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryBody() {}

    public static String of(String deliveryId, StoredEvent event) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "event.processed");
        n.put("deliveryId", deliveryId);
        n.put("org", event.orgId());
        n.set("event", event(event));
        return n.toString();
    }

    /** The stored-event shape of DESIGN §4, shared with the read API. */
    public static ObjectNode event(StoredEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestId", e.requestId());
        n.put("eventName", e.eventName());
        n.putObject("customer")
                .put("id", e.customer().id())
                .put("identifierType", e.customer().identifierType())
                .put("identifierValue", e.customer().identifierValue());
        n.put("eventDateTime", e.eventDateTime());
        n.put("receivedAt", e.receivedAt());
        n.set("attributes", JSON.valueToTree(e.attributes()));
        n.put("isDuplicate", e.duplicate());
        n.put("test", e.test());
        n.put("uniqueKey", e.uniqueKey());
        return n;
    }
}
