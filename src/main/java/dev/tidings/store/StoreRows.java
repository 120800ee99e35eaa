package dev.tidings.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.registry.FieldProblem;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns rows of {@code requests} and {@code events} back into the records the pipeline wrote, and
 * reads one keyset page. Shared by the SQLite and PostgreSQL read stores: the columns are the same,
 * and flags are read with {@code getBoolean}, which is SQLite's 0/1 and PostgreSQL's BOOLEAN alike.
 */
public final class StoreRows {
    public static final String REQUEST_COLUMNS =
            "request_id, org_id, webhook_id, event_name, status, reason, test, received_at, states, errors";
    public static final String EVENT_COLUMNS = "request_id, org_id, event_name, customer_id, identifier_type, identifier_value,"
            + " event_time, received_at, attributes, is_duplicate, test, unique_key";

    /** Outbox entries after a seq joined to their events, for {@link #outboxEvent}; binds seq then limit. */
    public static final String OUTBOX_EVENTS_SQL = "SELECT e.request_id, e.org_id, e.event_name, e.customer_id,"
            + " e.identifier_type, e.identifier_value, e.event_time, e.received_at, e.attributes, e.is_duplicate, e.test,"
            + " e.unique_key, o.seq, o.created_at FROM outbox o JOIN events e ON e.request_id = o.request_id"
            + " WHERE o.seq > ? ORDER BY o.seq LIMIT ?";

    /** The kept body of a rejected or failed request; the first one written stays. */
    public static final String KEEP_BODY = "INSERT INTO kept_bodies (request_id, org_id, received_at, body)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes one kept body with {@link #KEEP_BODY}, on either store. */
    public static void keepBody(Connection c, String orgId, String requestId, long receivedAt, byte[] body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(KEEP_BODY)) {
            ps.setString(1, requestId);
            ps.setString(2, orgId);
            ps.setLong(3, receivedAt);
            ps.setBytes(4, body);
            ps.executeUpdate();
        }
    }
    private static final TypeReference<List<RequestRecord.State>> STATES = new TypeReference<>() {};
    private static final TypeReference<List<FieldProblem>> PROBLEMS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {};

    private StoreRows() {}

    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Binds a statement's parameters from index 1 and returns the next free index ({@link SqlWhere} is one). */
    public interface Binder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    public static RequestRecord request(ResultSet rs) throws SQLException {
        String errors = rs.getString(10);
        return new RequestRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RequestStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7), rs.getLong(8),
                read(rs.getString(9), STATES), errors == null ? List.of() : read(errors, PROBLEMS));
    }

    public static StoredEvent event(ResultSet rs) throws SQLException {
        Map<String, Object> attributes = read(rs.getString(9), ATTRIBUTES);
        return new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                new StoredEvent.CustomerRef(rs.getString(4), rs.getString(5), rs.getString(6)),
                rs.getLong(7), rs.getLong(8), attributes, rs.getBoolean(10), rs.getBoolean(11), rs.getString(12));
    }

    /** One row of {@link #OUTBOX_EVENTS_SQL}. */
    public static OutboxEvent outboxEvent(ResultSet rs) throws SQLException {
        StoredEvent e = event(rs);
        OutboxEntry entry = new OutboxEntry(rs.getLong(13), e.orgId(), e.requestId(), e.eventName(), e.customer().id(),
                e.duplicate(), e.test(), rs.getLong(14));
        return new OutboxEvent(entry, e);
    }

    /**
     * Runs {@code sql} (ending in {@code LIMIT ?}) for {@code limit + 1} rows: the extra row only tells
     * whether a next page exists, and the cursor is the last row served.
     */
    public static <T> Page<T> page(Connection c, String sql, Binder where, int limit, RowMapper<T> mapper,
            Function<T, Cursor> cursorOf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(where.bind(ps), limit + 1);
            List<T> items = new ArrayList<>(Math.min(limit + 1, 64));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(mapper.map(rs));
                }
            }
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            items.remove(limit);
            return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new SQLException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
