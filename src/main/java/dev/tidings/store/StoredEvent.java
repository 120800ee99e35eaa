package dev.tidings.store;

import java.util.Map;

/** A processed event as stored and served by {@code event-data} (DESIGN §4 "stored event"). */
public record StoredEvent(
        String requestId,
        String orgId,
        String eventName,
        CustomerRef customer,
        long eventDateTime,
        long receivedAt,
        Map<String, Object> attributes,
        boolean duplicate,
        boolean test,
        String uniqueKey) {

    public record CustomerRef(String id, String identifierType, String identifierValue) {}
}
