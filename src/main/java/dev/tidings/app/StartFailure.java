package dev.tidings.app;

/**
 * The server cannot start for a reason the operator must fix (the data directory is in use, a store
 * is unreachable): the command line prints the message as one line and exits with code 2.
 */
public final class StartFailure extends RuntimeException {
    public StartFailure(String message) {
        super(message, null, false, false);
    }
}
