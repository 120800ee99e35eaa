package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.DeliveryBody;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.LogRecord;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.FieldProblem;
import dev.tidings.store.RequestStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.tidings.store.Customer;
import dev.tidings.store.EventQuery;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.StoredEvent;
import java.time.Instant;

/** The JSON shapes of DESIGN §4 for requests, stored events and customers. */
final class ReadViews {
    private ReadViews() {}

    static ObjectNode request(RequestRecord r) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("requestId", r.requestId());
        n.put("eventName", r.eventName());
        n.put("status", r.status().name());
        n.put("reason", r.reason());
        n.put("test", r.test());
        n.put("webhookId", r.webhookId());
        n.put("receivedAt", Instant.ofEpochMilli(r.receivedAt()).toString());
        ArrayNode states = n.putArray("states");
        for (RequestRecord.State s : r.states()) {
            states.addObject()
                    .put("state", s.state())
                    .put("at", Instant.ofEpochMilli(s.at()).toString())
                    .put("message", s.message());
        }
        ArrayNode errors = n.putArray("errors");
        for (FieldProblem p : r.errors()) {
            ObjectNode e = errors.addObject();
            if (p.attribute() != null) {
                e.put("attribute", p.attribute());
            }
            e.put("code", p.code()).put("message", p.message());
        }
        return n;
    }

    /**
     * A request still in the log (read-your-writes, DESIGN §3): RECEIVED with its one state, or REJECTED
     * with its errors, each with the body that was sent.
     */
    static ObjectNode pending(LogRecord r) {
        RequestRecord.State received = new RequestRecord.State("RECEIVED", r.receivedAt(), null);
        ObjectNode n;
        byte[] body;
        if (r instanceof RejectedRequest rejected) {
            n = request(new RequestRecord(r.requestId(), r.orgId(), rejected.webhookId(), rejected.eventName(),
                    RequestStatus.REJECTED, "INTAKE_" + rejected.errorCode(), rejected.test(), r.receivedAt(),
                    List.of(received, new RequestRecord.State("REJECTED", r.receivedAt(),
                            "rejected at intake with code " + rejected.errorCode())), rejected.errors()));
            body = rejected.body();
        } else {
            AcceptedEvent accepted = (AcceptedEvent) r;
            n = request(new RequestRecord(r.requestId(), r.orgId(), accepted.webhookId(), accepted.eventName(),
                    RequestStatus.RECEIVED, null, accepted.test(), r.receivedAt(), List.of(received), List.of()));
            body = accepted.body();
        }
        n.put("body", new String(body, StandardCharsets.UTF_8));
        return n;
    }

    static ObjectNode event(StoredEvent e) {
        return DeliveryBody.event(e);
    }

    /** What erasing a customer removed: {@code {"customerId":…,"erased":{"events":N,…}}}. */
    static ObjectNode erasure(dev.tidings.store.Erasure e) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("customerId", e.customerId());
        ObjectNode erased = n.putObject("erased");
        e.erased().forEach((kind, rows) -> erased.put(kind, rows.intValue()));
        return n;
    }

    static ObjectNode customer(Customer c) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("id", c.id());
        ArrayNode identifiers = n.putArray("identifiers");
        for (EventQuery.Identifier i : c.identifiers()) {
            identifiers.addObject().put("type", i.type().name()).put("value", i.value());
        }
        n.put("createdAt", Instant.ofEpochMilli(c.createdAt()).toString());
        return n;
    }
}
