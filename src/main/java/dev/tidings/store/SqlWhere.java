package dev.tidings.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A WHERE clause built from optional filters, with its parameters in order. Values are always bound,
 * never inlined. Plain SQL that SQLite and PostgreSQL read alike, so both read stores build with it.
 */
public final class SqlWhere implements StoreRows.Binder {
    private final StringBuilder sql = new StringBuilder(" WHERE ");
    private final List<Object> params = new ArrayList<>();
    private boolean empty = true;

    public SqlWhere and(String clause, Object... values) {
        if (!empty) {
            sql.append(" AND ");
        }
        sql.append(clause);
        params.addAll(Arrays.asList(values));
        empty = false;
        return this;
    }

    /** Parameters of the SQL before this clause (a subquery in FROM), bound ahead of the clause's own: call first. */
    public SqlWhere params(Object... values) {
        params.addAll(Arrays.asList(values));
        return this;
    }

    /** {@code from} inclusive, {@code to} exclusive; null bounds do not filter. */
    public SqlWhere range(String column, Long from, Long to) {
        if (from != null) {
            and(column + " >= ?", from);
        }
        if (to != null) {
            and(column + " < ?", to);
        }
        return this;
    }

    /**
     * The keyset condition {@code (time, request_id) < (at, id)}, written so the database ranges over
     * the index on the time column: SQLite can fall back to scanning a row-value or OR form, and the
     * {@code <=} bound is an index condition for PostgreSQL too.
     */
    public SqlWhere before(String timeColumn, Cursor cursor) {
        if (cursor == null) {
            return this;
        }
        return and(timeColumn + " <= ?", cursor.at())
                .and("(" + timeColumn + " < ? OR request_id < ?)", cursor.at(), cursor.requestId());
    }

    public String sql() {
        return sql.toString();
    }

    /** Binds the parameters from index 1 and returns the next free index. */
    @Override
    public int bind(PreparedStatement ps) throws SQLException {
        return bind(ps, 1);
    }

    /** Binds the parameters from index {@code from} (a later arm of a compound SELECT) and returns the next free index. */
    public int bind(PreparedStatement ps, int from) throws SQLException {
        int i = from;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
