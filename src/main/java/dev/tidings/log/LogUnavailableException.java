package dev.tidings.log;

/**
 * The log cannot take an entry now (queue full, disk full, database locked or gone). Retryable: the
 * intake answers 503 with Retry-After, and nothing of the entry was stored.
 */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
