package dev.tidings.store;

import java.util.List;

/**
 * The outbox of processed events, read by each consumer from its own position. Blocking; callers
 * use their own threads. Implementations: SQLite (embedded), PostgreSQL (cluster).
 */
public interface Outbox {

    /** Up to {@code max} entries with a sequence greater than {@code afterSeq}, in sequence order. */
    List<OutboxEntry> after(long afterSeq, int max);

    /**
     * Like {@link #after} with each entry's stored event. An entry whose event was erased since (a
     * customer deleted, retention) is left out; its seq still counts as passed.
     */
    List<OutboxEvent> eventsAfter(long afterSeq, int max);

    /** The consumer's committed position: the last sequence it has fully handled, 0 before any. */
    long position(String consumer);

    /** Moves the consumer's position forward (never back). */
    void commit(String consumer, long seq);
}
