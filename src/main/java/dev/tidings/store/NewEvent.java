package dev.tidings.store;

import java.util.Map;

/**
 * An event as the pipeline writes it: like {@link StoredEvent}, but with the typed attributes already
 * as JSON, so that serialization happens on the pipeline's transform thread and not inside the
 * store transaction.
 */
public record NewEvent(
        String requestId,
        String orgId,
        String eventName,
        StoredEvent.CustomerRef customer,
        long eventDateTime,
        long receivedAt,
        String attributesJson,
        boolean duplicate,
        boolean test,
        String uniqueKey) {

    /** The JSON column form of typed attributes. */
    public static String attributesJson(Map<String, Object> attributes) {
        return StoreJson.attributes(attributes);
    }
}
