package dev.tidings.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a database's WAL back into the main file from a thread of its own. By default SQLite does this
 * inside whichever commit crosses 1000 WAL pages, so the log writer (and with it every waiting 1100)
 * or a pipeline batch would pay for it; every Tidings connection turns that off, and this runs a
 * PASSIVE checkpoint — one that never waits for readers or blocks the writer — every quarter second.
 *
 * <p>Threads: one daemon thread per database, owning its own connection.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);
    private static final long PERIOD_MILLIS = 250;

    private final ScheduledExecutorService thread;
    private final Supplier<Connection> connect;
    private Connection connection;
    private boolean warned;

    SqliteCheckpointer(String name, Supplier<Connection> connect) {
        this.connect = connect;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidings-checkpoint-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkpoint, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = connect.get();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            warned = false;
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                LOG.warn("WAL checkpoint failed (will retry): {}", e.getMessage());
                warned = true;
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Dropping a connection that already failed.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
