package dev.tidings.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.DestinationSettings.Ordering;
import dev.tidings.destinations.DestinationSettings.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored form of {@link DestinationSettings}: JSON with durations in milliseconds. */
final class SettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsJson() {}

    static String write(DestinationSettings s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.name());
        n.put("type", s.type().name());
        n.put("url", s.url());
        n.put("bootstrap", s.bootstrap());
        n.put("topic", s.topic());
        ArrayNode events = n.putArray("events");
        s.events().forEach(events::add);
        n.put("filter", s.filter());
        ObjectNode headers = n.putObject("headers");
        s.headers().forEach(headers::put);
        n.put("timeoutMs", s.timeout().toMillis());
        ArrayNode schedule = n.putArray("retryScheduleMs");
        s.retrySchedule().forEach(d -> schedule.add(d.toMillis()));
        n.put("ordering", s.ordering().name());
        n.put("maxInFlight", s.maxInFlight());
        return n.toString();
    }

    static DestinationSettings read(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            List<String> events = new ArrayList<>();
            n.get("events").forEach(e -> events.add(e.textValue()));
            Map<String, String> headers = new LinkedHashMap<>();
            n.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().textValue()));
            List<Duration> schedule = new ArrayList<>();
            n.get("retryScheduleMs").forEach(d -> schedule.add(Duration.ofMillis(d.longValue())));
            return new DestinationSettings(n.get("name").textValue(), Type.valueOf(n.get("type").textValue()),
                    n.path("url").textValue(), n.path("bootstrap").textValue(), n.path("topic").textValue(), events,
                    n.path("filter").textValue(), headers, Duration.ofMillis(n.get("timeoutMs").longValue()), schedule,
                    Ordering.valueOf(n.get("ordering").textValue()), n.get("maxInFlight").intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable destination settings", e);
        }
    }
}
