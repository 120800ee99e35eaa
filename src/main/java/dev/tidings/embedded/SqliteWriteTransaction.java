package dev.tidings.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One write transaction on an autocommit connection: BEGIN IMMEDIATE takes the write lock before the
 * first read, so nothing the work reads can change under it (the pipeline waits on its busy timeout
 * meanwhile); COMMIT when the work returns, ROLLBACK when it throws.
 */
final class SqliteWriteTransaction {
    interface Work<T> {
        T run() throws SQLException;
    }

    private SqliteWriteTransaction() {}

    static <T> T run(Connection c, Work<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        try {
            T result = work.run();
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // The transaction is gone already; the original failure is the one to report.
            }
            throw e;
        }
    }
}
