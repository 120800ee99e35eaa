package dev.tidings.store;

import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The store as the pipeline writes it. A {@link Batch} is one transaction: its events, their outbox
 * rows, request records, verified definitions and the log positions it consumed commit together, or
 * nothing does, so a crash or a rebalance replays without losing or doubling anything.
 * Implementations: SQLite (embedded), PostgreSQL (cluster). Failures are {@link StoreException}s
 * that say whether they are retryable.
 */
public interface PipelineStore extends AutoCloseable {

    /**
     * The committed next positions of these partitions of log {@code logId}; a partition never
     * committed (or a log recreated under a new id) starts at 0. Thread-safe: the log calls it on
     * assignment, from its consuming thread.
     */
    Map<Integer, Long> positions(String logId, Collection<Integer> partitions);

    Batch begin();

    interface Batch {
        /** The customer holding this identifier, or null. */
        String findCustomer(String orgId, IdentifierType type, String value);

        /** Registers a new customer with this one identifier and returns its id. */
        String createCustomer(String orgId, IdentifierType type, String value, long now);

        /** Claims the unique key for the request; returns the request that already holds it, or null if this one won. */
        String claimUniqueKey(String orgId, String uniqueKey, String requestId);

        /**
         * Stores the event and appends it to the outbox of processed events, duplicates and test
         * events marked. Idempotent per request id: a replayed event is stored, and queued, once.
         */
        void insertEvent(NewEvent event);

        /**
         * Idempotent per request id: the first record of a request stays. False when the request had a
         * record already (a reprocess re-runs a FAILED request under its id: see {@link #failedRequest}).
         */
        boolean insertRequest(RequestRecord request);

        /**
         * Stores a processed (or duplicate) event and its request's record together: {@link #insertEvent}
         * then {@link #insertRequest}, with the same idempotence and the same answer, in whatever rows the
         * store keeps them (the embedded store keeps the record in the events row: one row per event).
         */
        default boolean insertProcessed(NewEvent event, RequestRecord request) {
            insertEvent(event);
            return insertRequest(request);
        }

        /** The request's record when it is FAILED (the entry being processed re-runs it), else empty. */
        Optional<RequestRecord> failedRequest(String orgId, String requestId);

        /** Replaces the request's record with a re-run's outcome, only while the stored one is FAILED. */
        void replaceFailedRequest(RequestRecord request);

        /**
         * Keeps the body of a rejected or failed request (within the rejected-request retention), for the
         * request view; idempotent per request id.
         */
        void keepBody(String orgId, String requestId, long receivedAt, byte[] body);

        /**
         * Writes a new definition version (a test event verified it) with its registry change; false,
         * and nothing written, when that version exists already (an admin changed the definition first).
         */
        boolean insertDefinitionVersion(EventDefinition definition);

        /** Commits everything above with the next positions of the partitions this batch consumed. */
        void commit(String logId, Map<Integer, Long> nextPositions);

        /** Discards everything since {@link #begin}. */
        void rollback();
    }

    @Override
    void close();
}
