package dev.tidings.store;

import dev.tidings.registry.IdentifierType;

/**
 * The store as the pipeline writes it. A {@link Batch} is one transaction: everything written through
 * it and the new log position commit together, or nothing does. Implementations: SQLite (embedded),
 * PostgreSQL (cluster).
 */
public interface PipelineStore extends AutoCloseable {

    /**
     * The position after which to read the log named {@code logId}: the last committed one, or 0 before
     * the first batch or when the remembered position belongs to another (recreated) log.
     */
    long position(String logId);

    Batch begin();

    interface Batch {
        /** The customer holding this identifier, or null. */
        String findCustomer(String orgId, IdentifierType type, String value);

        /** Registers a new customer with this one identifier and returns its id. */
        String createCustomer(String orgId, IdentifierType type, String value, long now);

        /** Claims the unique key for the request; returns the request that already holds it, or null if this one won. */
        String claimUniqueKey(String orgId, String uniqueKey, String requestId);

        void insertEvent(NewEvent event);

        void insertRequest(RequestRecord request);

        /** Commits everything above with the new position. */
        void commit(long position);

        /** Discards everything since {@link #begin}. */
        void rollback();
    }

    @Override
    void close();
}
