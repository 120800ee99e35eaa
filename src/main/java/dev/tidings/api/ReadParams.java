package dev.tidings.api;

import dev.tidings.destinations.DeliveryQuery;
import dev.tidings.destinations.DeliveryStatus;
import dev.tidings.registry.EventDates;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.MobileNumbers;
import dev.tidings.store.Cursor;
import dev.tidings.store.EventQuery;
import dev.tidings.store.LogQuery;
import dev.tidings.store.RequestStatus;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the query parameters of {@code logs} and {@code event-data} into store queries. Every bad
 * parameter is collected, each problem naming its parameter, and refused together in one 400.
 */
final class ReadParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String ATTR = "attr.";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_]{1,50}");
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");

    private final MultiMap params;
    private final List<FieldProblem> problems = new ArrayList<>();

    private ReadParams(MultiMap params) {
        this.params = params;
    }

    /** A misspelt filter (costumer=) must not silently widen the search to everything: it is refused. */
    private static final Set<String> LOG_PARAMS = Set.of("eventName", "status", "test", "from", "to", "limit", "cursor");
    private static final Set<String> EVENT_PARAMS = Set.of("requestId", "eventName", "customer", "from", "to",
            "duplicate", "test", "limit", "cursor");

    private static final Set<String> CUSTOMER_PARAMS = Set.of("limit", "cursor");

    /** The customers list: a page size and the cursor of the page before. */
    record CustomerPage(int limit, Cursor after) {}

    static CustomerPage customers(MultiMap params) {
        ReadParams p = new ReadParams(params);
        p.refuseUnknown("customers", CUSTOMER_PARAMS, false);
        CustomerPage page = new CustomerPage(p.limit(), p.cursor(Cursors.CUSTOMERS));
        p.failIfAnyProblem();
        return page;
    }

    private static final Set<String> DELIVERY_PARAMS = Set.of("status", "requestId", "from", "to", "limit", "cursor");

    /** A destination's deliveries list (DESIGN §9); {@code from}/{@code to} bound the creation time. */
    static DeliveryQuery deliveries(String destinationId, MultiMap params) {
        ReadParams p = new ReadParams(params);
        p.refuseUnknown("deliveries", DELIVERY_PARAMS, false);
        DeliveryStatus status = p.oneOf("status", DeliveryStatus.class);
        Cursor after = p.cursor(Cursors.DELIVERIES);
        DeliveryQuery q = new DeliveryQuery(destinationId, status, p.text("requestId"), p.time("from"), p.time("to"),
                p.limit(), after == null ? null : after.at(), after == null ? null : after.requestId());
        p.failIfAnyProblem();
        return q;
    }

    private <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            problem(name, name + " must be one of " + List.of(type.getEnumConstants()) + ", got " + text);
            return null;
        }
    }

    /** An instant as the read API takes it (ISO-8601, a date of the event formats, or epoch ms), or a problem. */
    static Long instant(String text, String name, List<FieldProblem> problems) {
        ReadParams p = new ReadParams(MultiMap.caseInsensitiveMultiMap().add(name, text));
        Long at = p.time(name);
        problems.addAll(p.problems);
        return at;
    }

    static LogQuery logs(String orgId, MultiMap params) {
        ReadParams p = new ReadParams(params);
        p.refuseUnknown("logs", LOG_PARAMS, false);
        String status = p.text("status");
        LogQuery q = new LogQuery(orgId, p.text("eventName"), p.status(status), p.bool("test"), p.time("from"),
                p.time("to"), p.limit(), p.cursor(Cursors.LOGS));
        p.failIfAnyProblem();
        return q;
    }

    /**
     * {@code dateAttributes} names the attributes that are DATE in the searched event(s): their filter
     * values are read in every date format the intake takes and compared as the stored epoch milliseconds.
     */
    static EventQuery events(String orgId, MultiMap params, Set<String> dateAttributes) {
        ReadParams p = new ReadParams(params);
        p.refuseUnknown("event-data", EVENT_PARAMS, true);
        EventQuery q = new EventQuery(orgId, p.text("requestId"), p.text("eventName"), p.customer(), p.time("from"),
                p.time("to"), p.bool("duplicate"), p.bool("test"), p.attributes(dateAttributes), p.limit(),
                p.cursor(Cursors.EVENTS));
        p.failIfAnyProblem();
        return q;
    }

    private void refuseUnknown(String list, Set<String> known, boolean attributeFilters) {
        for (String name : params.names()) {
            if (known.contains(name) || attributeFilters && name.startsWith(ATTR)) {
                continue;
            }
            problems.add(FieldProblem.of(name, "UNKNOWN_PARAMETER", name + " is not a parameter of " + list
                    + "; the parameters are " + new TreeSet<>(known) + (attributeFilters ? " and attr.NAME" : "")));
        }
    }

    /** One identifier type by name, or a problem naming {@code param}. */
    static IdentifierType identifierType(String text, String param, List<FieldProblem> problems) {
        try {
            return IdentifierType.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(FieldProblem.of(param, "INVALID_VALUE", param + " must be one of "
                    + List.of(IdentifierType.values()) + ", got " + text));
            return null;
        }
    }

    static AdminFailure invalid(List<FieldProblem> problems) {
        List<String> names = problems.stream().map(FieldProblem::attribute).distinct().toList();
        return new AdminFailure(AdminError.INVALID_REQUEST, "Invalid parameters: " + String.join(", ", names), problems);
    }

    private String text(String name) {
        List<String> values = params.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problem(name, name + " may be given once");
            return null;
        }
        if (values.get(0).isEmpty()) {
            problem(name, name + " must not be empty");
            return null;
        }
        return values.get(0);
    }

    private RequestStatus status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return RequestStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            problem("status", "status must be one of " + List.of(RequestStatus.values()) + ", got " + text);
            return null;
        }
    }

    /** An ISO-8601 instant ({@code 2024-04-11T12:00:00Z}, offsets allowed) or epoch milliseconds. */
    private Long time(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        if (DIGITS.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException outOfRange) {
                problem(name, name + " is out of range: " + text);
                return null;
            }
        }
        Long millis = dateOrNull(text);
        if (millis == null) {
            problem(name, name + " must be an ISO-8601 instant such as 2024-04-11T12:00:00Z, a date in one of the"
                    + " formats events take (" + EventDates.formats() + ") or epoch milliseconds, got " + text);
        }
        return millis;
    }

    /** Any instant Instant.parse reads, else any date the intake takes (no offset = UTC); null when neither. */
    private static Long dateOrNull(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            OptionalLong millis = EventDates.parseEpochMillis(text);
            return millis.isPresent() ? millis.getAsLong() : null;
        }
    }

    private int limit() {
        String text = text("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the allowed range.
        }
        problem("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got " + text);
        return DEFAULT_LIMIT;
    }

    private Cursor cursor(char list) {
        String text = text("cursor");
        if (text == null) {
            return null;
        }
        Cursor cursor = Cursors.decode(list, text);
        if (cursor == null) {
            problem("cursor", "cursor is not one this list handed out");
        }
        return cursor;
    }

    private Boolean bool(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        problem(name, name + " must be true or false, got " + text);
        return null;
    }

    private EventQuery.Identifier customer() {
        String text = text("customer");
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            problem("customer", "customer must be IDENTIFIER_TYPE:value, such as MOBILE:9933772255, got " + text);
            return null;
        }
        IdentifierType type = identifierType(text.substring(0, colon), "customer", problems);
        return type == null ? null : new EventQuery.Identifier(type, identifierKey(type, text.substring(colon + 1)));
    }

    /** A MOBILE is looked up by the key events store it under (+91 98765 43210 is 919876543210). */
    static String identifierKey(IdentifierType type, String value) {
        if (type != IdentifierType.MOBILE) {
            return value;
        }
        String key = MobileNumbers.normalise(value);
        return key == null ? value : key;
    }

    private Map<String, String> attributes(Set<String> dateAttributes) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : params.names()) {
            if (!name.startsWith(ATTR)) {
                continue;
            }
            String attribute = name.substring(ATTR.length());
            if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
                problem(name, name + ": an attribute name has 1-50 letters, digits and underscores");
                continue;
            }
            List<String> values = params.getAll(name);
            if (values.size() > 1) {
                problem(name, name + " may be given once");
                continue;
            }
            String value = values.get(0);
            if (dateAttributes.contains(attribute) && !DIGITS.matcher(value).matches()) {
                // DATE values are stored as epoch milliseconds; the filter is too, whatever format it came in.
                Long millis = dateOrNull(value);
                if (millis == null) {
                    problem(name, name + " filters a DATE attribute: give a date in one of the formats "
                            + EventDates.formats() + " or epoch milliseconds, got " + value);
                    continue;
                }
                value = String.valueOf(millis);
            }
            filters.put(attribute, value);
        }
        return filters;
    }

    private void problem(String param, String message) {
        problems.add(FieldProblem.of(param, "INVALID_VALUE", message));
    }

    private void failIfAnyProblem() {
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }
}
