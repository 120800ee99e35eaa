package dev.tidings.store;

/**
 * A store operation failed in the database; the driver's detail stays in the message. Retryable
 * failures (locked, disk full, connection lost) are expected to clear: the pipeline backs off and tries
 * the batch again. Permanent ones (a constraint, data the database refuses) will fail the same way
 * every time: the pipeline records the one entry that caused it FAILED and goes on.
 */
public final class StoreException extends RuntimeException {
    private final boolean retryable;

    public StoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Retryable: a failure of the database rather than of the data. */
    public StoreException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public boolean retryable() {
        return retryable;
    }
}
