package dev.tidings.pipeline;

import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.ConsumedRecord;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.Registry;
import dev.tidings.store.NewEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The store-free half of the pipeline: finds the definition version an event was accepted under,
 * computes its unique key and serializes its typed attributes. Nothing is parsed or validated again:
 * the intake did that. Pure CPU work on the pipeline's reading thread, while the previous batch is
 * being written.
 */
final class Preparer {
    private final Registry registry;
    private final Clock clock;

    Preparer(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    List<Prepared> prepare(List<ConsumedRecord> records) {
        List<Prepared> out = new ArrayList<>(records.size());
        for (ConsumedRecord r : records) {
            out.add(prepare(r));
        }
        return out;
    }

    /** Never throws for one entry's content: an entry that cannot be prepared is a failed one. */
    Prepared prepare(ConsumedRecord consumed) {
        try {
            return prepareOrThrow(consumed);
        } catch (RuntimeException e) {
            return failed(consumed, "TRANSFORMATION_FAILED", "the entry could not be prepared: " + e, clock.millis());
        }
    }

    private Prepared prepareOrThrow(ConsumedRecord consumed) {
        long now = clock.millis();
        if (consumed.record() == null) {
            return failed(consumed, "UNREADABLE_ENTRY", "the log entry could not be read: " + consumed.unreadable(), now);
        }
        if (!(consumed.record() instanceof AcceptedEvent event)) {
            return new Prepared(consumed, null, null, null, null, null, now);
        }
        ActiveDefinition definition = definition(event);
        if (definition == null) {
            return failed(consumed, "DEFINITION_NOT_FOUND", "version " + event.definitionVersion() + " of event "
                    + event.eventName() + " (" + event.definitionId() + ") does not exist", now);
        }
        if (event.customerValue() == null) {
            return failed(consumed, "TRANSFORMATION_FAILED", "the entry has no customer identifier: it no longer types"
                    + " under version " + event.definitionVersion() + " of " + event.eventName(), now);
        }
        String uniqueKey = event.uniqueValues() == null ? null
                : UniqueKeys.of(event.eventName(), event.customerValue(), event.uniqueValues());
        return new Prepared(consumed, definition, uniqueKey, NewEvent.attributesJson(event.attributes()), null, null, now);
    }

    /**
     * A version made on another node moments ago may not have reached this node's view yet, so a miss
     * catches up and looks again. It looks again even when this catch-up applied nothing: another
     * thread's catch-up (the timer, a notification) may have been applying that very change while this
     * one waited for it, and has applied it by the time this one returns.
     */
    private ActiveDefinition definition(AcceptedEvent event) {
        ActiveDefinition definition = registry.definitionVersion(event.definitionId(), event.definitionVersion());
        if (definition == null) {
            registry.catchUp();
            definition = registry.definitionVersion(event.definitionId(), event.definitionVersion());
        }
        return definition;
    }

    private static Prepared failed(ConsumedRecord consumed, String failure, String reason, long now) {
        return new Prepared(consumed, null, null, null, failure, reason, now);
    }
}
