package dev.tidings.embedded;

import dev.tidings.store.Cursor;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A WHERE clause built from optional filters, with its parameters in order. Values are always bound, never inlined. */
final class SqlWhere {
    private final StringBuilder sql = new StringBuilder(" WHERE ");
    private final List<Object> params = new ArrayList<>();
    private boolean empty = true;

    SqlWhere and(String clause, Object... values) {
        if (!empty) {
            sql.append(" AND ");
        }
        sql.append(clause);
        params.addAll(Arrays.asList(values));
        empty = false;
        return this;
    }

    /**
     * The keyset condition {@code (time, request_id) < (at, id)}, written so SQLite ranges over the
     * index on the time column (a row-value or OR form can fall back to scanning).
     */
    SqlWhere before(String timeColumn, Cursor cursor) {
        if (cursor == null) {
            return this;
        }
        return and(timeColumn + " <= ?", cursor.at())
                .and("(" + timeColumn + " < ? OR request_id < ?)", cursor.at(), cursor.requestId());
    }

    String sql() {
        return sql.toString();
    }

    /** Binds the parameters from index 1 and returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
