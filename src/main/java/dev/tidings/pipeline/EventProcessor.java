package dev.tidings.pipeline;

import dev.tidings.log.LogEntry;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.ValidationResult;
import dev.tidings.store.NewEvent;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestRecord.State;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.StoredEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The store half of the pipeline, inside its transaction: resolve the customer, claim the unique key,
 * store the event, and record the timed states of the request.
 */
final class EventProcessor {
    private final Clock clock;

    EventProcessor(Clock clock) {
        this.clock = clock;
    }

    /** Writes the outcome through the batch and returns the request's final status. */
    RequestStatus process(Transformed t, PipelineStore.Batch batch) {
        LogEntry entry = t.logged().entry();
        List<State> states = new ArrayList<>(6);
        states.add(new State("RECEIVED", entry.receivedAt(), null));
        if (!entry.accepted()) {
            states.add(new State("REJECTED", entry.receivedAt(), "rejected at intake with code " + entry.errorCode()));
            return finish(batch, entry, RequestStatus.REJECTED, "INTAKE_" + entry.errorCode(), states, t.errors());
        }
        if (!t.transformable()) {
            // Cannot happen for entries this intake accepted; recorded rather than dropped if it ever does.
            states.add(new State("FAILED", t.transformedAt(), "the body no longer transforms under version "
                    + entry.definitionVersion() + " of " + entry.eventName()));
            return finish(batch, entry, RequestStatus.FAILED, "TRANSFORMATION_FAILED", states, t.errors());
        }
        ValidationResult typed = t.typed();
        long eventTime = typed.eventDateTime() != null ? typed.eventDateTime() : entry.receivedAt();
        states.add(new State("TRANSFORMED", t.transformedAt(), "typed under version " + entry.definitionVersion()));

        AttributeDefinition customerAttribute = t.definition().definition().customerAttribute();
        IdentifierType type = customerAttribute.identifierType();
        String customerValue = typed.customerValue();
        String customerId = batch.findCustomer(entry.orgId(), type, customerValue);
        if (customerId == null && !customerAttribute.addCustomerIfNotExists()) {
            states.add(new State("FAILED", clock.millis(), "no customer with " + type + " " + customerValue
                    + ", and the event does not add unknown customers"));
            return finish(batch, entry, RequestStatus.FAILED, "NO_CUSTOMER_DETAILS", states, List.of());
        }
        boolean registered = customerId == null;
        if (registered) {
            customerId = batch.createCustomer(entry.orgId(), type, customerValue, clock.millis());
        }
        states.add(new State("CUSTOMER_RESOLVED", clock.millis(), (registered ? "registered " : "found ") + customerId));

        String firstRequest = null;
        if (t.uniqueKey() != null) {
            firstRequest = batch.claimUniqueKey(entry.orgId(), t.uniqueKey(), entry.requestId());
            states.add(new State("DEDUPLICATED", clock.millis(), firstRequest == null
                    ? "first with key " + t.uniqueKey() : "duplicate of request " + firstRequest));
        }
        boolean duplicate = firstRequest != null;
        batch.insertEvent(new NewEvent(entry.requestId(), entry.orgId(), entry.eventName(),
                new StoredEvent.CustomerRef(customerId, type.name(), customerValue), eventTime, entry.receivedAt(),
                t.attributesJson(), duplicate, entry.test(), t.uniqueKey()));
        RequestStatus status = duplicate ? RequestStatus.DUPLICATE : RequestStatus.PROCESSED;
        states.add(new State(status.name(), clock.millis(), duplicate ? "stored, not delivered onward"
                : entry.test() ? "stored as a test event" : null));
        return finish(batch, entry, status, null, states, List.of());
    }

    private static RequestStatus finish(PipelineStore.Batch batch, LogEntry entry, RequestStatus status, String reason,
            List<State> states, List<FieldProblem> errors) {
        batch.insertRequest(new RequestRecord(entry.requestId(), entry.orgId(), entry.webhookId(), entry.eventName(),
                status, reason, entry.test(), entry.receivedAt(), states, errors));
        return status;
    }
}
