package dev.tidings.store;

import dev.tidings.registry.IdentifierType;
import java.util.Map;

/**
 * A stored-event search of one org, newest event time first. Null fields do not filter ({@code test}
 * true keeps only test events, false only real ones); {@code from}
 * is inclusive and {@code to} exclusive (epoch ms of the event time); every {@code attributes} entry
 * must match the attribute's value in its text form.
 */
public record EventQuery(
        String orgId,
        String requestId,
        String eventName,
        Identifier customer,
        Long from,
        Long to,
        Boolean duplicate,
        Boolean test,
        Map<String, String> attributes,
        int limit,
        Cursor after) {

    public record Identifier(IdentifierType type, String value) {}
}
