package dev.tidings.store;

import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Org;
import dev.tidings.registry.TestStatus;
import dev.tidings.registry.UnknownAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Short ways to write the records the contract suites store and read back. */
public final class StoreSamples {
    public static final Instant AT = Instant.parse("2024-04-11T12:00:00Z");

    private StoreSamples() {}

    public static Org org(String id) {
        return new Org(id, "Org " + id, AT);
    }

    public static EventDefinition definition(String id, String orgId, String name, int version) {
        AttributeDefinition customer = new AttributeDefinition("customer_id", AttributeType.CUSTOMER, true, false, null,
                null, IdentifierType.MOBILE, true);
        return new EventDefinition(id, orgId, name, name, null, List.of(customer), UnknownAttributes.IGNORE,
                DefinitionStatus.DRAFT, TestStatus.NOT_VERIFIED, version, AT, AT.plusSeconds(version));
    }

    /** A processed event of customer {@code customerId} (MOBILE {@code 9<customerId>}) at {@code eventTime}. */
    public static NewEvent event(String requestId, String orgId, String name, String customerId, long eventTime,
            Map<String, Object> attributes) {
        return new NewEvent(requestId, orgId, name, new StoredEvent.CustomerRef(customerId, "MOBILE", "9" + customerId),
                eventTime, eventTime + 5, NewEvent.attributesJson(attributes), false, false, null);
    }

    public static NewEvent event(String requestId, String orgId, long eventTime) {
        return event(requestId, orgId, "be_reserved", "c1", eventTime, Map.of("hotel_name", "Taj"));
    }

    public static RequestRecord request(String requestId, String orgId, String eventName, RequestStatus status,
            long receivedAt) {
        return new RequestRecord(requestId, orgId, "hook", eventName, status, status == RequestStatus.FAILED ? "NO_CUSTOMER_DETAILS" : null,
                false, receivedAt, List.of(new RequestRecord.State("RECEIVED", receivedAt, null),
                        new RequestRecord.State(status.name(), receivedAt + 1, "done")), List.of());
    }

    public static RequestRecord request(String requestId, String orgId, long receivedAt) {
        return request(requestId, orgId, "be_reserved", RequestStatus.PROCESSED, receivedAt);
    }

    /**
     * One committed batch holding these events with their PROCESSED (or DUPLICATE) requests, stored as the
     * pipeline stores them, at position {@code next} of partition 0.
     */
    public static void commitEvents(PipelineStore store, String logId, long next, NewEvent... events) {
        PipelineStore.Batch batch = store.begin();
        for (NewEvent e : events) {
            batch.insertProcessed(e, processed(e));
        }
        batch.commit(logId, Map.of(0, next));
    }

    /** The request record of a stored event, as the pipeline writes it. */
    public static RequestRecord processed(NewEvent e) {
        RequestRecord r = request(e.requestId(), e.orgId(), e.eventName(),
                e.duplicate() ? RequestStatus.DUPLICATE : RequestStatus.PROCESSED, e.receivedAt());
        return new RequestRecord(r.requestId(), r.orgId(), r.webhookId(), r.eventName(), r.status(), r.reason(), e.test(),
                r.receivedAt(), r.states(), r.errors());
    }
}
