package dev.tidings.store;

/** A store operation failed in the database (disk, lock, corruption); the SQL detail stays in the message. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
