package dev.tidings.embedded;

import dev.tidings.store.StoreException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Translates SQLite's errors into the store's two kinds. Constraint violations, type mismatches and
 * oversized values are the data's fault and will fail again: permanent. Everything else (busy, locked,
 * I/O, a full disk, a closed connection) is the database's state and may clear: retryable.
 */
final class SqliteErrors {
    private SqliteErrors() {}

    static StoreException translate(String what, SQLException e) {
        return new StoreException(what + ": " + e.getMessage(), e, !permanent(e));
    }

    static boolean permanent(SQLException e) {
        if (!(e instanceof SQLiteException s)) {
            return false;
        }
        SQLiteErrorCode code = s.getResultCode();
        String name = code == null ? "" : code.name();
        return name.startsWith("SQLITE_CONSTRAINT") || code == SQLiteErrorCode.SQLITE_MISMATCH
                || code == SQLiteErrorCode.SQLITE_TOOBIG || code == SQLiteErrorCode.SQLITE_RANGE;
    }
}
