package dev.tidings.pipeline;

import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.ConsumedRecord;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.ActiveDefinition;

/**
 * A consumed log record after the store-free part of the pipeline: for an accepted event, its
 * definition version, unique key (when its webhook checks uniqueness) and attributes as the JSON to
 * store. {@code failure} is set, with {@code failureReason}, when the entry can never be stored (an
 * unreadable record, a definition version that does not exist): it is recorded FAILED, not retried.
 */
record Prepared(
        ConsumedRecord consumed,
        ActiveDefinition definition,
        String uniqueKey,
        String attributesJson,
        String failure,
        String failureReason,
        long preparedAt) {

    AcceptedEvent accepted() {
        return consumed.record() instanceof AcceptedEvent a ? a : null;
    }

    RejectedRequest rejected() {
        return consumed.record() instanceof RejectedRequest r ? r : null;
    }
}
