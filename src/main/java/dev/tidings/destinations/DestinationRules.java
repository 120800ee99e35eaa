package dev.tidings.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.config.DurationConverter;
import dev.tidings.destinations.DestinationSettings.Ordering;
import dev.tidings.destinations.DestinationSettings.Type;
import dev.tidings.registry.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a destination body (DESIGN §9) into {@link DestinationSettings}, collecting every problem, each
 * naming its field, so one 400 lists them all. The address check resolves host names: call it off the
 * event loop.
 */
public final class DestinationRules {
    public static final int MAX_IN_FLIGHT = 256;
    public static final int MAX_RETRIES = 20;
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration MAX_DELAY = Duration.ofDays(7);
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_]{1,100}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** Headers Tidings sets itself; a user's value would break the signature or the request. */
    private static final Set<String> RESERVED_HEADERS = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "content-type", "content-length", "host", "transfer-encoding", "connection");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern BOOTSTRAP = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}(,[A-Za-z0-9.-]+:\\d{1,5})*");

    private final AddressPolicy addresses;
    private final List<FieldProblem> problems = new ArrayList<>();

    private DestinationRules(AddressPolicy addresses) {
        this.addresses = addresses;
    }

    /** The settings, or a {@link DestinationException} listing every problem (filters are checked by the caller). */
    public static DestinationSettings parse(JsonNode body, AddressPolicy addresses) {
        DestinationRules r = new DestinationRules(addresses);
        DestinationSettings s = r.read(body);
        if (!r.problems.isEmpty()) {
            throw DestinationException.invalid(r.problems);
        }
        return s;
    }

    private DestinationSettings read(JsonNode body) {
        String name = text(body, "name", true);
        if (name != null && name.length() > 100) {
            problem("name", "name has at most 100 characters");
        }
        Type type = enumOf(body, "type", Type.class, null);
        String url = null;
        String bootstrap = null;
        String topic = null;
        if (type == Type.WEBHOOK) {
            url = url(text(body, "url", true));
            refuse(body, "bootstrap", "a WEBHOOK");
            refuse(body, "topic", "a WEBHOOK");
        } else if (type == Type.KAFKA) {
            bootstrap = text(body, "bootstrap", true);
            if (bootstrap != null && !BOOTSTRAP.matcher(bootstrap).matches()) {
                problem("bootstrap", "bootstrap must be host:port[,host:port...], got " + bootstrap);
            } else if (bootstrap != null) {
                for (String server : bootstrap.split(",")) {
                    addresses.refusal(server.substring(0, server.lastIndexOf(':')))
                            .ifPresent(reason -> problem("bootstrap", "bootstrap " + server + " " + reason));
                }
            }
            topic = text(body, "topic", true);
            if (topic != null && !TOPIC.matcher(topic).matches()) {
                problem("topic", "topic has 1-249 letters, digits, '.', '_' or '-', got " + topic);
            }
            refuse(body, "url", "a KAFKA");
        }
        List<String> events = events(body.get("events"));
        String filter = text(body, "filter", false);
        Map<String, String> headers = headers(body.get("headers"));
        if (type == Type.KAFKA && !headers.isEmpty()) {
            problem("headers", "headers apply to WEBHOOK destinations only");
        }
        Duration timeout = duration(body.get("timeout"), "timeout", DestinationSettings.DEFAULT_TIMEOUT, MAX_TIMEOUT);
        List<Duration> schedule = schedule(body.get("retrySchedule"));
        Ordering ordering = enumOf(body, "ordering", Ordering.class, Ordering.NONE);
        int maxInFlight = maxInFlight(body.get("maxInFlight"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new DestinationSettings(name, type, url, bootstrap, topic, events, filter, headers, timeout, schedule,
                ordering, maxInFlight);
    }

    private String url(String text) {
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problem("url", "url is not a valid URL: " + e.getMessage());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            problem("url", "url must be an absolute http:// or https:// URL with a host, got " + text);
            return null;
        }
        if (uri.getUserInfo() != null) {
            problem("url", "url must not carry credentials; put them in headers");
            return null;
        }
        addresses.refusal(uri.getHost()).ifPresent(reason -> problem("url", "url host " + uri.getHost() + " " + reason));
        return text;
    }

    private List<String> events(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem("events", "events must be a non-empty list of event names, or [\"*\"] for all");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || !(n.textValue().equals("*") || EVENT_NAME.matcher(n.textValue()).matches())) {
                problem("events", "events holds event names (letters, digits, '_') or \"*\", got " + n);
            } else if (!names.contains(n.textValue())) {
                names.add(n.textValue());
            }
        }
        if (names.contains("*") && names.size() > 1) {
            problem("events", "\"*\" takes every event; give it alone");
        }
        return names;
    }

    private Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            problem("headers", "headers must be an object of header names to string values");
            return headers;
        }
        for (Map.Entry<String, JsonNode> h : node.properties()) {
            String key = h.getKey();
            if (!HEADER_NAME.matcher(key).matches()) {
                problem("headers", "header name " + key + " is not a valid HTTP header name");
            } else if (RESERVED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                problem("headers", "header " + key + " is set by Tidings and cannot be given");
            } else if (!h.getValue().isTextual() || h.getValue().textValue().length() > 4096
                    || h.getValue().textValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                problem("headers", "header " + key + " must be a string of at most 4096 characters on one line");
            } else {
                headers.put(key, h.getValue().textValue());
            }
        }
        if (headers.size() > 20) {
            problem("headers", "at most 20 headers");
        }
        return headers;
    }

    private List<Duration> schedule(JsonNode node) {
        if (node == null || node.isNull()) {
            return DestinationSettings.DEFAULT_SCHEDULE;
        }
        if (!node.isArray() || node.size() > MAX_RETRIES) {
            problem("retrySchedule", "retrySchedule must be a list of at most " + MAX_RETRIES
                    + " delays such as [\"5s\",\"5m\",\"2h\"]");
            return List.of();
        }
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Duration d = duration(node.get(i), "retrySchedule[" + i + "]", null, MAX_DELAY);
            if (d != null) {
                delays.add(d);
            }
        }
        return delays;
    }

    private Duration duration(JsonNode node, String field, Duration absent, Duration max) {
        if (node == null || node.isNull()) {
            return absent;
        }
        Duration d = null;
        if (node.isTextual()) {
            try {
                d = new DurationConverter().convert(node.textValue());
            } catch (RuntimeException notADuration) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            problem(field, field + " must be a duration such as \"50ms\", \"15s\", \"5m\" or \"2h\", above zero and at most "
                    + max.toString().substring(2).toLowerCase(Locale.ROOT) + ", got " + node);
            return null;
        }
        return d;
    }

    private int maxInFlight(JsonNode node) {
        if (node == null || node.isNull()) {
            return DestinationSettings.DEFAULT_MAX_IN_FLIGHT;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1 || node.intValue() > MAX_IN_FLIGHT) {
            problem("maxInFlight", "maxInFlight must be a whole number from 1 to " + MAX_IN_FLIGHT + ", got " + node);
            return 1;
        }
        return node.intValue();
    }

    private <E extends Enum<E>> E enumOf(JsonNode body, String field, Class<E> type, E absent) {
        JsonNode n = body.get(field);
        if ((n == null || n.isNull()) && absent != null) {
            return absent;
        }
        if (n != null && n.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(n.textValue())) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        problem(field, field + " must be one of " + names + (n == null ? "" : ", got " + n));
        return null;
    }

    private String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(FieldProblem.of(field, "REQUIRED", field + " is required"));
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            problem(field, field + " must be a non-empty string");
            return null;
        }
        return n.textValue();
    }

    private void refuse(JsonNode body, String field, String kind) {
        if (body.hasNonNull(field)) {
            problem(field, field + " does not apply to " + kind + " destination");
        }
    }

    private void problem(String field, String message) {
        problems.add(FieldProblem.of(field, "INVALID_VALUE", message));
    }
}
