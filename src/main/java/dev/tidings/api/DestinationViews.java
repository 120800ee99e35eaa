package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.Attempt;
import dev.tidings.destinations.Delivery;
import dev.tidings.destinations.Destination;
import dev.tidings.destinations.DestinationSettings;
import dev.tidings.destinations.DestinationSettings.Type;
import dev.tidings.destinations.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of DESIGN §9. A destination never shows its secret or its header values (only the
 * header names); the secret appears once, in the answer that made it.
 */
final class DestinationViews {
    private DestinationViews() {}

    static ObjectNode destination(Destination d, long now) {
        DestinationSettings s = d.settings();
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("id", d.id());
        n.put("name", s.name());
        n.put("type", s.type().name());
        if (s.type() == Type.WEBHOOK) {
            n.put("url", s.url());
        } else {
            n.put("bootstrap", s.bootstrap());
            n.put("topic", s.topic());
        }
        ArrayNode events = n.putArray("events");
        s.events().forEach(events::add);
        n.put("filter", s.filter());
        ArrayNode headers = n.putArray("headerNames");
        s.headers().keySet().stream().sorted().forEach(headers::add);
        n.put("timeout", text(s.timeout()));
        ArrayNode schedule = n.putArray("retrySchedule");
        s.retrySchedule().forEach(x -> schedule.add(text(x)));
        n.put("ordering", s.ordering().name());
        n.put("maxInFlight", s.maxInFlight());
        n.put("status", d.status().name());
        n.put("disabledReason", d.disabledReason());
        n.put("previousSecretValidUntil", d.previousSecret() != null && d.previousUntil() > now
                ? Instant.ofEpochMilli(d.previousUntil()).toString() : null);
        n.put("createdAt", Instant.ofEpochMilli(d.createdAt()).toString());
        n.put("updatedAt", Instant.ofEpochMilli(d.updatedAt()).toString());
        return n;
    }

    static ObjectNode delivery(Delivery d) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("deliveryId", d.id());
        n.put("destinationId", d.destinationId());
        n.put("requestId", d.requestId());
        n.put("status", d.status().name());
        n.put("attempts", d.attempts());
        n.put("createdAt", Instant.ofEpochMilli(d.createdAt()).toString());
        n.put("lastAttemptAt", d.lastAttemptAt() == 0 ? null : Instant.ofEpochMilli(d.lastAttemptAt()).toString());
        n.put("nextAttemptAt", d.status() == DeliveryStatus.PENDING
                ? Instant.ofEpochMilli(Math.max(d.nextAttemptAt(), d.createdAt())).toString() : null);
        if (d.lastAttemptAt() == 0) {
            n.putNull("lastResponse");
        } else {
            ObjectNode r = n.putObject("lastResponse");
            if (d.lastStatus() == 0) {
                r.putNull("status");
            } else {
                r.put("status", d.lastStatus());
            }
            r.put("body", d.lastBody());
            r.put("durationMs", d.lastDurationMs());
            r.put("error", d.lastError());
        }
        return n;
    }

    static ObjectNode attempts(List<Attempt> attempts) {
        ObjectNode n = Replies.mapper().createObjectNode();
        ArrayNode items = n.putArray("items");
        for (Attempt a : attempts) {
            ObjectNode i = items.addObject();
            i.put("attempt", a.n());
            i.put("at", Instant.ofEpochMilli(a.at()).toString());
            if (a.status() == 0) {
                i.putNull("status");
            } else {
                i.put("status", a.status());
            }
            i.put("error", a.error());
            i.put("durationMs", a.durationMs());
            i.put("response", a.response());
        }
        return n;
    }

    /** The request view's {@code deliveries}: {@code [{destinationId, status, attempts}]}. */
    static ArrayNode forRequest(List<Delivery> deliveries) {
        ArrayNode a = Replies.mapper().createArrayNode();
        for (Delivery d : deliveries) {
            a.addObject().put("destinationId", d.destinationId()).put("deliveryId", d.id())
                    .put("status", d.status().name()).put("attempts", d.attempts());
        }
        return a;
    }

    /** A duration the way it is written in a body: 50ms, 15s, 5m, 2h, 1d. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
