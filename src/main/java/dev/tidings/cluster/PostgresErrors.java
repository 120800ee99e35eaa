package dev.tidings.cluster;

import dev.tidings.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts PostgreSQL failures into the two kinds the pipeline and the admin API act on: retryable (the
 * server, the network or a concurrent transaction got in the way; the same statement can succeed
 * later) and permanent (this data will never be accepted; retrying would stall the batch forever).
 * Decided by SQLState class, which PostgreSQL documents as stable across versions, walking the cause
 * chain because HikariCP and Flyway wrap the driver's exception.
 */
public enum PostgresErrors {
    RETRYABLE,
    PERMANENT;

    /** SQLState of a violated unique or primary-key constraint: the de-duplication signal. */
    public static final String UNIQUE_VIOLATION = "23505";

    public static PostgresErrors classify(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                PostgresErrors byState = byState(sql.getSQLState());
                if (byState != null) {
                    return byState;
                }
                // The pool's own timeout and the driver's I/O failures carry no state of their own
                // but say by their type that the connection, not the statement, failed.
                if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
                    return RETRYABLE;
                }
            }
            if (t instanceof java.io.IOException) {
                return RETRYABLE;
            }
        }
        // Unknown failures (syntax, missing table, a bug) do not get better by waiting.
        return PERMANENT;
    }

    /** The store's failure for "cannot {@code what}", retryable or permanent as {@link #classify} says. */
    static StoreException storeFailure(String what, SQLException failure) {
        return new StoreException(what + ": " + failure.getMessage(), failure, isRetryable(failure));
    }

    public static boolean isRetryable(SQLException failure) {
        return classify(failure) == RETRYABLE;
    }

    /** True when the failure is a unique violation anywhere in its cause chain. */
    public static boolean isUniqueViolation(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static PostgresErrors byState(String state) {
        if (state == null || state.length() != 5) {
            return null;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return RETRYABLE; // serialization failure, deadlock: the transaction may simply be run again
        }
        if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("58030")) {
            return RETRYABLE; // admin shutdown, crash shutdown, cannot connect now (starting), I/O error
        }
        return switch (state.substring(0, 2)) {
            case "08", "53" -> RETRYABLE; // connection exception, insufficient resources (disk, memory, connections)
            case "22", "23", "42", "2B", "2F", "0A" -> PERMANENT; // data, integrity, syntax, ...
            default -> null;
        };
    }
}
