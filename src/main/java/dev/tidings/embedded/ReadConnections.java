package dev.tidings.embedded;

import dev.tidings.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A small pool of SQLite connections for the admin API's worker threads. WAL lets any number of them
 * read while the pipeline writes, so the pool only saves the cost of opening a connection per call: a
 * caller takes an idle one or opens a new one, and gives it back unless {@code idle} are waiting.
 */
final class ReadConnections implements AutoCloseable {
    private final SqliteDatabase database;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    ReadConnections(SqliteDatabase database, int maxIdle) {
        this.database = database;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    <T> T with(String what, Work<T> work) {
        Connection c = idle.poll();
        if (c == null) {
            c = database.connect();
        }
        boolean reusable = false;
        try {
            T result = work.run(c);
            reusable = c.getAutoCommit();
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        } finally {
            release(c, reusable);
        }
    }

    private void release(Connection c, boolean reusable) {
        if (reusable && !closed && idle.offer(c)) {
            return;
        }
        quietlyClose(c);
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietlyClose(c);
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Read-only or already finished work: nothing to lose by dropping the connection.
        }
    }
}
