package dev.tidings.log;

/** Bytes in the log that are not a record this release can read: a permanent failure of that entry. */
public final class UnreadableRecordException extends RuntimeException {
    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
