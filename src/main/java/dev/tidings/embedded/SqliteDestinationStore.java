package dev.tidings.embedded;

import dev.tidings.destinations.JdbcDestinationStore;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Destinations, deliveries and attempts in the embedded store ({@code tidings.db}, next to the outbox
 * whose position {@link #enqueue} moves). One connection of its own, serialized: the engine's
 * threads and the admin API share it, and SQLite has one writer at a time anyway. A claim needs no row
 * locks: it is one UPDATE, and one process owns the data directory.
 */
public final class SqliteDestinationStore extends JdbcDestinationStore implements AutoCloseable {
    private final Connection connection;

    public SqliteDestinationStore(SqliteDatabase database) {
        this.connection = database.connect();
    }

    @Override
    protected synchronized <T> T read(String what, Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot " + what, e);
        }
    }

    @Override
    protected synchronized <T> T inTransaction(String what, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // Nothing of it was committed either way.
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot " + what, e);
        }
    }

    @Override
    protected String positionUpsert() {
        return "INSERT INTO outbox_positions (consumer, seq) VALUES (?, ?)"
                + " ON CONFLICT (consumer) DO UPDATE SET seq = max(seq, excluded.seq)";
    }

    @Override
    protected String claimLocking() {
        return "";
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Shutting down.
        }
    }
}
