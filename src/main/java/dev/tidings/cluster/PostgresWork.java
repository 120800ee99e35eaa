package dev.tidings.cluster;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one unit of work on a pooled connection, borrowed for that unit only, so a node holds no
 * connection between calls and a restarted server costs nothing but the calls that were in flight.
 * Driver failures become retryable or permanent {@code StoreException}s; other exceptions (such as
 * {@code IdentifierTakenException}) pass through after the rollback.
 */
final class PostgresWork {
    private PostgresWork() {}

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Autocommit: for reads, and writes of one statement. */
    static <T> T run(PostgresDatabase database, String what, Work<T> work) {
        try (Connection c = database.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("cannot " + what, e);
        }
    }

    /** One transaction: committed when {@code work} returns, rolled back when it throws. */
    static <T> T inTransaction(PostgresDatabase database, String what, Work<T> work) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("cannot " + what, e);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken or the transaction gone: either way nothing of it was committed.
        }
    }
}
