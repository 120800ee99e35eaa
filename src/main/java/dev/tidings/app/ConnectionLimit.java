package dev.tidings.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections across all event loops: a connection beyond the cap is closed at once, so a
 * flood of idle or slow clients cannot exhaust file descriptors and memory.
 */
final class ConnectionLimit implements Handler<HttpConnection> {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            connection.close();
            return;
        }
        connection.closeHandler(v -> open.decrementAndGet());
    }

    int open() {
        return open.get();
    }
}
