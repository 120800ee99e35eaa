package dev.tidings.log;

/**
 * Read-your-writes for {@code GET …/requests/{id}} (DESIGN §3): finds a request the intake answered but
 * the pipeline has not stored yet. The embedded log looks the record up in its file; a Kafka topic
 * cannot be searched by key, so the cluster answers whether the pipeline is still behind.
 * Implementations block; callers run them on worker threads, never on the intake's path.
 */
public interface PendingRequests {

    /** What the log knows of one request. */
    sealed interface Lookup permits Found, Pending, Unknown {}

    /** The record is still in the log, waiting for the pipeline. */
    record Found(LogRecord record) implements Lookup {}

    /** Not searchable, but the pipeline lags: an acknowledged request may be among what it has not reached. */
    record Pending(long lag) implements Lookup {}

    /** Not waiting in the log: the pipeline is caught up, or the id was never answered. */
    record Unknown() implements Lookup {}

    Lookup find(String orgId, String requestId);
}
