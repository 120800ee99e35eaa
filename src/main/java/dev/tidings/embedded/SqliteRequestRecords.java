package dev.tidings.embedded;

import dev.tidings.store.Cursor;
import dev.tidings.store.LogQuery;
import dev.tidings.store.Page;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.SqlWhere;
import dev.tidings.store.StoreRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Request records as the embedded store keeps them (migration V9): a processed or duplicate request's
 * record is its {@code events} row ({@code states} not null), every other one a {@code requests} row.
 * Both halves are read in the {@code requests} columns, so one row mapper serves them and the answers
 * are the same as the PostgreSQL store's, which keeps every record in {@code requests}.
 */
final class SqliteRequestRecords {
    /** An events row in the {@code requests} columns ({@link StoreRows#REQUEST_COLUMNS}). */
    private static final String FROM_EVENTS = "SELECT request_id, org_id, webhook_id, event_name,"
            + " CASE is_duplicate WHEN 1 THEN 'DUPLICATE' ELSE 'PROCESSED' END, NULL, test, received_at, states, NULL"
            + " FROM events";
    /** True for an events row that holds its request's record. */
    static final String RECORD_IN_EVENT = "states IS NOT NULL";
    private static final String FROM_REQUESTS = "SELECT " + StoreRows.REQUEST_COLUMNS + " FROM requests";

    private SqliteRequestRecords() {}

    static Optional<RequestRecord> find(Connection c, String orgId, String requestId) throws SQLException {
        Optional<RequestRecord> kept = one(c, FROM_REQUESTS + " WHERE request_id = ? AND org_id = ?", orgId, requestId);
        return kept.isPresent() ? kept
                : one(c, FROM_EVENTS + " WHERE request_id = ? AND org_id = ? AND states IS NOT NULL", orgId, requestId);
    }

    /**
     * One page of the request log: both halves newest first by receipt, merged by SQLite's compound
     * ORDER BY, each half ranging over its own receipt index ({@code requests_by_time} or
     * {@code requests_by_event}, {@code events_by_receipt} or {@code events_by_event_receipt}).
     */
    static Page<RequestRecord> page(Connection c, LogQuery q) throws SQLException {
        List<String> arms = new ArrayList<>(2);
        List<SqlWhere> wheres = new ArrayList<>(2);
        RequestStatus status = q.status();
        SqlWhere requests = common(q);
        if (status != null) {
            requests.and("status = ?", status.name());
        }
        arms.add(FROM_REQUESTS + requests.sql());
        wheres.add(requests);
        if (status == null || status == RequestStatus.PROCESSED || status == RequestStatus.DUPLICATE) {
            SqlWhere events = common(q).and(RECORD_IN_EVENT);
            if (status != null) {
                events.and("is_duplicate = ?", status == RequestStatus.DUPLICATE ? 1 : 0);
            }
            arms.add(FROM_EVENTS + events.sql());
            wheres.add(events);
        }
        String sql = String.join(" UNION ALL ", arms) + " ORDER BY 8 DESC, 1 DESC LIMIT ?";
        return StoreRows.page(c, sql, ps -> {
            int next = 1;
            for (SqlWhere w : wheres) {
                next = w.bind(ps, next);
            }
            return next;
        }, q.limit(), StoreRows::request, r -> new Cursor(r.receivedAt(), r.requestId()));
    }

    private static SqlWhere common(LogQuery q) {
        SqlWhere where = new SqlWhere().and("org_id = ?", q.orgId());
        if (q.eventName() != null) {
            where.and("event_name = ?", q.eventName());
        }
        if (q.test() != null) {
            where.and("test = ?", q.test() ? 1 : 0);
        }
        return where.range("received_at", q.from(), q.to()).before("received_at", q.after());
    }

    private static Optional<RequestRecord> one(Connection c, String sql, String orgId, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, requestId);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(StoreRows.request(rs)) : Optional.empty();
            }
        }
    }
}
