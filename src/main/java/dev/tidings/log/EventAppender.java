package dev.tidings.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The intake's side of the log. Implementations: the SQLite file with group commit (embedded) and a
 * Kafka topic (cluster). Never blocks the caller: the intake runs on event loops.
 */
public interface EventAppender extends AutoCloseable {

    /**
     * Appends durably. The future completes only once the record is committed (fsync'd, or
     * acknowledged by every in-sync broker), or fails with {@link LogUnavailableException} when it
     * was not stored.
     */
    CompletableFuture<Void> append(LogRecord record);

    /** Appends all in one commit: all are stored, or the future fails and none is to be answered 1100. */
    CompletableFuture<Void> appendAll(List<? extends LogRecord> records);

    /** Appends without waiting; false when the log cannot take it now. For best-effort records. */
    boolean offer(LogRecord record);

    /** True while appends are succeeding; false after a failed commit until one succeeds again. */
    boolean healthy();

    @Override
    void close();
}
