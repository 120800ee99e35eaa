package dev.tidings.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.log.LogEntry;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Registry;
import dev.tidings.registry.ValidationResult;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestRecord.State;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.StoredEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one log entry into its stored outcome inside the pipeline's transaction: transform the raw
 * body under the definition version it was accepted with, resolve the customer, check uniqueness,
 * store the event, and record the timed states of the request.
 */
final class EventProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FieldProblem>> PROBLEMS = new TypeReference<>() {};

    private final Registry registry;
    private final Clock clock;

    EventProcessor(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Writes the outcome through the batch and returns the request's final status. */
    RequestStatus process(LogEntry entry, PipelineStore.Batch batch) {
        List<State> states = new ArrayList<>(6);
        states.add(new State("RECEIVED", entry.receivedAt(), null));
        if (!entry.accepted()) {
            states.add(new State("REJECTED", entry.receivedAt(), "Rejected at intake with code " + entry.errorCode()));
            return finish(batch, entry, RequestStatus.REJECTED, "INTAKE_" + entry.errorCode(), states, rejectedErrors(entry));
        }
        ActiveDefinition definition = registry.definitionVersion(entry.definitionId(), entry.definitionVersion());
        ObjectNode body = parse(entry.body());
        ValidationResult typed = definition == null || body == null ? null : definition.validator().validate(body);
        if (typed == null || !typed.valid()) {
            // Cannot happen for entries this intake accepted; recorded rather than dropped if it ever does.
            states.add(new State("FAILED", clock.millis(), "The body no longer transforms under version "
                    + entry.definitionVersion() + " of " + entry.eventName()));
            return finish(batch, entry, RequestStatus.FAILED, "TRANSFORMATION_FAILED", states,
                    typed == null ? List.of() : typed.problems());
        }
        long eventTime = typed.eventDateTime() != null ? typed.eventDateTime() : entry.receivedAt();
        states.add(new State("TRANSFORMED", clock.millis(), "typed under version " + entry.definitionVersion()));

        AttributeDefinition customerAttribute = definition.definition().customerAttribute();
        IdentifierType type = customerAttribute.identifierType();
        String customerValue = typed.customerValue();
        String customerId = batch.findCustomer(entry.orgId(), type, customerValue);
        if (customerId == null && !customerAttribute.addCustomerIfNotExists()) {
            states.add(new State("FAILED", clock.millis(), "No customer with " + type + " " + customerValue
                    + ", and the event does not add unknown customers"));
            return finish(batch, entry, RequestStatus.FAILED, "NO_CUSTOMER_DETAILS", states, List.of());
        }
        boolean registered = customerId == null;
        if (registered) {
            customerId = batch.createCustomer(entry.orgId(), type, customerValue, clock.millis());
        }
        states.add(new State("CUSTOMER_RESOLVED", clock.millis(), (registered ? "registered " : "found ") + customerId));

        String uniqueKey = null;
        String firstRequest = null;
        ActiveWebhook webhook = registry.webhook(entry.webhookId());
        if (webhook != null && webhook.webhook().uniquenessCheck()) {
            uniqueKey = UniqueKeys.of(entry.eventName(), customerValue, uniqueValues(definition, body));
            firstRequest = batch.claimUniqueKey(entry.orgId(), uniqueKey, entry.requestId());
            states.add(new State("DEDUPLICATED", clock.millis(), firstRequest == null
                    ? "first with key " + uniqueKey : "duplicate of request " + firstRequest));
        }
        boolean duplicate = firstRequest != null;
        batch.insertEvent(new StoredEvent(entry.requestId(), entry.orgId(), entry.eventName(),
                new StoredEvent.CustomerRef(customerId, type.name(), customerValue), eventTime, entry.receivedAt(),
                typed.attributes(), duplicate, entry.test(), uniqueKey));
        RequestStatus status = duplicate ? RequestStatus.DUPLICATE : RequestStatus.PROCESSED;
        states.add(new State(status.name(), clock.millis(), duplicate ? "stored, not delivered onward"
                : entry.test() ? "stored as a test event" : null));
        return finish(batch, entry, status, null, states, List.of());
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return JSON.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The unique-key values as the sender wrote them, so {@code 12} and {@code "12"} make the same key. */
    private static List<String> uniqueValues(ActiveDefinition definition, ObjectNode body) {
        List<String> values = new ArrayList<>(2);
        for (AttributeDefinition a : definition.definition().attributes()) {
            if (a.uniqueKey()) {
                JsonNode v = body.get(a.name());
                values.add(v == null || v.isNull() ? "" : v.asText());
            }
        }
        return values;
    }

    private static List<FieldProblem> rejectedErrors(LogEntry entry) {
        try {
            return entry.errorsJson() == null ? List.of() : JSON.readValue(entry.errorsJson(), PROBLEMS);
        } catch (IOException e) {
            return List.of(FieldProblem.whole("UNREADABLE", "The recorded errors could not be read"));
        }
    }

    private static RequestStatus finish(PipelineStore.Batch batch, LogEntry entry, RequestStatus status, String reason,
            List<State> states, List<FieldProblem> errors) {
        batch.insertRequest(new RequestRecord(entry.requestId(), entry.orgId(), entry.webhookId(), entry.eventName(),
                status, reason, entry.test(), entry.receivedAt(), states, errors));
        return status;
    }
}
