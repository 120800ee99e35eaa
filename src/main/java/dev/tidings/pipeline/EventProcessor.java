package dev.tidings.pipeline;

import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.LogRecord;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
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
 * store the event (and its outbox row), and record the timed states of the request.
 */
final class EventProcessor {
    private final Clock clock;

    EventProcessor(Clock clock) {
        this.clock = clock;
    }

    /** Writes the outcome through the batch and returns the request's final status. */
    RequestStatus process(Prepared p, PipelineStore.Batch batch) {
        if (p.failure() != null) {
            return failed(p, p.failure(), p.failureReason(), batch);
        }
        RejectedRequest rejected = p.rejected();
        if (rejected != null) {
            List<State> states = List.of(new State("RECEIVED", rejected.receivedAt(), null),
                    new State("REJECTED", rejected.receivedAt(), "rejected at intake with code " + rejected.errorCode()));
            return finish(batch, rejected, rejected.webhookId(), rejected.eventName(), rejected.test(),
                    RequestStatus.REJECTED, "INTAKE_" + rejected.errorCode(), states, rejected.errors(), null);
        }
        AcceptedEvent event = p.accepted();
        List<State> states = new ArrayList<>(6);
        states.add(new State("RECEIVED", event.receivedAt(), null));
        states.add(new State("TRANSFORMED", p.preparedAt(), "typed under version " + event.definitionVersion()));

        AttributeDefinition customerAttribute = p.definition().definition().customerAttribute();
        IdentifierType type = customerAttribute.identifierType();
        String customerValue = event.customerValue();
        String customerId = batch.findCustomer(event.orgId(), type, customerValue);
        if (customerId == null && !customerAttribute.addCustomerIfNotExists()) {
            states.add(new State("FAILED", clock.millis(), "no customer with " + type + " " + customerValue
                    + ", and the event does not add unknown customers"));
            return finish(batch, event, event.webhookId(), event.eventName(), event.test(), RequestStatus.FAILED,
                    "NO_CUSTOMER_DETAILS", states, List.of(), null);
        }
        boolean registered = customerId == null;
        if (registered) {
            customerId = batch.createCustomer(event.orgId(), type, customerValue, clock.millis());
        }
        states.add(new State("CUSTOMER_RESOLVED", clock.millis(), (registered ? "registered " : "found ") + customerId));

        String firstRequest = null;
        if (p.uniqueKey() != null) {
            firstRequest = batch.claimUniqueKey(event.orgId(), p.uniqueKey(), event.requestId());
            states.add(new State("DEDUPLICATED", clock.millis(), firstRequest == null
                    ? "first with key " + p.uniqueKey() : "duplicate of request " + firstRequest));
        }
        boolean duplicate = firstRequest != null;
        NewEvent stored = new NewEvent(event.requestId(), event.orgId(), event.eventName(),
                new StoredEvent.CustomerRef(customerId, type.name(), customerValue), event.eventTime(), event.receivedAt(),
                p.attributesJson(), duplicate, event.test(), p.uniqueKey());
        RequestStatus status = duplicate ? RequestStatus.DUPLICATE : RequestStatus.PROCESSED;
        states.add(new State(status.name(), clock.millis(), duplicate ? "stored, not delivered onward"
                : event.test() ? "stored as a test event" : null));
        return finish(batch, event, event.webhookId(), event.eventName(), event.test(), status, null, states, List.of(), stored);
    }

    /**
     * Records the request FAILED with the reason, writing nothing else of it: for entries that can
     * never be stored (unreadable, no definition) and for ones the store refused permanently.
     */
    RequestStatus failed(Prepared p, String failure, String reason, PipelineStore.Batch batch) {
        LogRecord record = p.consumed().record();
        if (record == null) {
            // Nothing of the request can be read, not even its id or org: there is no request to record.
            return RequestStatus.FAILED;
        }
        AcceptedEvent event = p.accepted();
        String webhookId = event != null ? event.webhookId() : p.rejected().webhookId();
        String eventName = event != null ? event.eventName() : p.rejected().eventName();
        boolean test = event != null ? event.test() : p.rejected().test();
        List<State> states = List.of(new State("RECEIVED", record.receivedAt(), null),
                new State("FAILED", clock.millis(), reason));
        return finish(batch, record, webhookId, eventName, test, RequestStatus.FAILED, failure, states,
                List.of(FieldProblem.whole(failure, reason)), null);
    }

    /** Records the outcome; {@code stored} is the event a processed or duplicate request stores, else null. */
    private RequestStatus finish(PipelineStore.Batch batch, LogRecord record, String webhookId, String eventName,
            boolean test, RequestStatus status, String reason, List<State> states, List<FieldProblem> errors,
            NewEvent stored) {
        RequestRecord outcome = new RequestRecord(record.requestId(), record.orgId(), webhookId, eventName, status, reason,
                test, record.receivedAt(), states, errors);
        boolean first = stored != null ? batch.insertProcessed(stored, outcome) : batch.insertRequest(outcome);
        if (!first) {
            // The id has a record: this entry is a reprocess of a FAILED request (intake/Reprocessor). Only a
            // still-FAILED record takes the re-run's outcome; a processed one stays as it is.
            batch.failedRequest(record.orgId(), record.requestId())
                    .ifPresent(failed -> batch.replaceFailedRequest(rerun(failed, outcome)));
        }
        if (status == RequestStatus.REJECTED || status == RequestStatus.FAILED) {
            // Only what needs fixing keeps its body: processed events cost no extra write.
            batch.keepBody(record.orgId(), record.requestId(), record.receivedAt(), record.body());
        }
        return status;
    }

    /** The failed record's history, then the re-run's states after its RECEIVED (the same receipt). */
    private RequestRecord rerun(RequestRecord failed, RequestRecord outcome) {
        List<State> states = new ArrayList<>(failed.states());
        states.add(new State("REPROCESSING", clock.millis(), "re-run after " + failed.reason()));
        states.addAll(outcome.states().subList(1, outcome.states().size()));
        return new RequestRecord(outcome.requestId(), outcome.orgId(), outcome.webhookId(), outcome.eventName(),
                outcome.status(), outcome.reason(), outcome.test(), outcome.receivedAt(), states, outcome.errors());
    }
}
