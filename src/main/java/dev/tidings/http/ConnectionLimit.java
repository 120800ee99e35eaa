package dev.tidings.http;

import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections across all event loops: a connection beyond the cap is closed at once, so a
 * flood of idle or slow clients cannot exhaust file descriptors and memory.
 */
public final class ConnectionLimit {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts the connection in, or closes it and answers false when the cap is reached. */
    boolean admit(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            connection.close();
            return false;
        }
        return true;
    }

    /** For an admitted connection that closed. */
    void release() {
        open.decrementAndGet();
    }
}
