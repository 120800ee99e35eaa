package dev.tidings.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable hand-off between intake and pipeline. Implementations: {@link SqliteEventLog} (embedded);
 * a Kafka topic in the cluster deployment.
 */
public interface EventLog extends AutoCloseable {

    /** Names this log; a log that was recreated (positions restarted) has a new id. */
    String id();

    /**
     * Appends durably. The future completes only after the entry is committed (fsync'd), or fails with
     * {@link LogUnavailableException} when the entry was not stored. Never blocks the caller.
     */
    CompletableFuture<Void> append(LogEntry entry);

    /** Appends without waiting; returns false when the log cannot take it now. For best-effort records. */
    boolean offer(LogEntry entry);

    /** Up to {@code max} entries with a position greater than {@code afterPosition}, in order. Blocking. */
    List<LoggedEvent> readAfter(long afterPosition, int max);

    /** A counter that grows with every commit; pass it to {@link #awaitCommitAfter}. */
    long commits();

    /** Waits until {@link #commits} exceeds {@code seen}, or the timeout passes. For consumers that caught up. */
    void awaitCommitAfter(long seen, long timeoutMillis) throws InterruptedException;

    /** The position of the newest committed entry, 0 when empty. Blocking. */
    long headPosition();

    /** Lets the log drop entries the consumer has durably processed, up to and excluding {@code position}. */
    void releaseBefore(long position);

    /** True while appends are succeeding; false after a failed commit until one succeeds again. */
    boolean healthy();

    @Override
    void close();
}
