package dev.tidings.embedded;

import dev.tidings.store.IntakeKeyRows;
import dev.tidings.store.IntakeKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Idempotency keys and Segment messageIds in the embedded store, on one connection of their own
 * (serialized). BEGIN IMMEDIATE takes the write lock before reading, so two requests with one key
 * cannot both claim it.
 */
public final class SqliteIntakeKeys implements IntakeKeys, AutoCloseable {
    private final Connection connection;

    public SqliteIntakeKeys(SqliteDatabase database) {
        this.connection = database.connect();
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    @Override
    public synchronized List<Claim> claim(String scope, List<String> keys, String fingerprint, long now, long expiredBefore,
            long staleBefore) {
        return inTransaction("claim intake keys", () ->
                IntakeKeyRows.claim(connection, scope, keys, fingerprint, now, expiredBefore, staleBefore, false));
    }

    @Override
    public synchronized void complete(String scope, List<String> keys, int status, byte[] answer) {
        inTransaction("complete intake keys", () -> {
            IntakeKeyRows.complete(connection, scope, keys, status, answer);
            return null;
        });
    }

    @Override
    public synchronized void release(String scope, List<String> keys) {
        inTransaction("release intake keys", () -> {
            IntakeKeyRows.release(connection, scope, keys);
            return null;
        });
    }

    @Override
    public synchronized int purge(long expiredBefore) {
        return inTransaction("purge intake keys", () -> IntakeKeyRows.purge(connection, expiredBefore));
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run();
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot " + what, e);
        }
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
