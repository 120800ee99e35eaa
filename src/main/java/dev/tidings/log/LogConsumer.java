package dev.tidings.log;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's side of the log: partitions of records, each with a position that only this log
 * interprets (a SQLite row number, a Kafka offset). Positions given and returned are always the next
 * position to read. The embedded log is one partition, 0; a Kafka topic has many, assigned to the
 * workers of one consumer group.
 *
 * <p>Threads: {@link #start} and {@link #poll} are called by one thread only (Kafka's consumer is not
 * thread-safe); {@link #committed} and {@link #close} may come from another.
 */
public interface LogConsumer extends AutoCloseable {

    /** Where to resume: the store's committed next positions of these partitions (0 when unknown). */
    @FunctionalInterface
    interface StartPositions {
        Map<Integer, Long> of(String logId, Collection<Integer> partitions);
    }

    /** Names this log; positions of a recreated log (new id) are not those of the old one. */
    String logId();

    /** Subscribes; on every assignment of partitions, reads from {@code start}'s positions. */
    void start(StartPositions start);

    /** Up to {@code max} records after those already returned, waiting at most {@code waitMillis} for any. */
    List<ConsumedRecord> poll(int max, long waitMillis) throws InterruptedException;

    /**
     * Tells the log that the store committed these next positions, so it may drop what lies before
     * them (embedded) or record them for operators (Kafka; the store stays the source of truth).
     */
    void committed(Map<Integer, Long> nextPositions);

    @Override
    void close();
}
