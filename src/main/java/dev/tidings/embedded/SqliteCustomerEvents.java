package dev.tidings.embedded;

import dev.tidings.store.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The embedded store's index of events by customer (V10), filled in sorted bulk. A per-event index keyed
 * by customer dirties a random page for nearly every event once it outgrows a batch; here each stored
 * event appends one row to {@code customer_events_pending}, and once {@link #FOLD_AT} rows wait there the
 * pipeline's batch moves them into {@code customer_events} sorted, so a customer's events of the whole
 * bulk share their page writes. Reads by customer take both tables; a pending row whose event has gone
 * (retention) is dropped when it is moved.
 *
 * <p>The writing half belongs to the pipeline's connection and thread; the static parts are for readers.
 */
final class SqliteCustomerEvents {
    /** Pending rows that make a bulk: reads by customer scan at most this many rows besides the index. */
    static final int FOLD_AT = 50_000;

    /** A join source {@code k(rid)}: the request ids of one customer's events; binds org, customer, org, customer. */
    static final String REQUEST_IDS = "(SELECT request_id AS rid FROM customer_events WHERE org_id = ? AND customer_id = ?"
            + " UNION ALL SELECT request_id FROM customer_events_pending WHERE org_id = ? AND customer_id = ?) k";

    /** The customer's events as a condition on {@code events}, binding {@code ?1} org id and {@code ?2} customer id. */
    static final String OF_CUSTOMER = "org_id = ?1 AND request_id IN (SELECT request_id FROM customer_events"
            + " WHERE org_id = ?1 AND customer_id = ?2 UNION ALL SELECT request_id FROM customer_events_pending"
            + " WHERE org_id = ?1 AND customer_id = ?2)";

    /** For event retention: the victim's index row, found from its events row before that goes (?1 request id, ?2 org id). */
    static final String FORGET_EVENT = "DELETE FROM customer_events WHERE org_id = ?2"
            + " AND customer_id = (SELECT customer_id FROM events WHERE request_id = ?1)"
            + " AND event_time = (SELECT event_time FROM events WHERE request_id = ?1) AND request_id = ?1";

    private final Connection connection;
    private final int foldAt;
    private final PreparedStatement add;
    private final PreparedStatement fold;
    private final PreparedStatement clear;
    private long pending;

    SqliteCustomerEvents(Connection connection, int foldAt) throws SQLException {
        this.connection = connection;
        this.foldAt = foldAt;
        add = connection.prepareStatement("INSERT INTO customer_events_pending (org_id, customer_id, event_time, request_id)"
                + " VALUES (?, ?, ?, ?)");
        // WHERE before ON CONFLICT: SQLite's parser needs it to read the upsert after a SELECT.
        fold = connection.prepareStatement("INSERT INTO customer_events (org_id, customer_id, event_time, request_id)"
                + " SELECT p.org_id, p.customer_id, p.event_time, p.request_id FROM customer_events_pending p"
                + " WHERE EXISTS (SELECT 1 FROM events e WHERE e.request_id = p.request_id) ORDER BY 1, 2, 3, 4"
                + " ON CONFLICT DO NOTHING");
        clear = connection.prepareStatement("DELETE FROM customer_events_pending");
        pending = count();
    }

    /** Indexes a newly stored event, in the caller's batch. */
    void add(NewEvent e) throws SQLException {
        add.setString(1, e.orgId());
        add.setString(2, e.customer().id());
        add.setLong(3, e.eventDateTime());
        add.setString(4, e.requestId());
        add.executeUpdate();
        pending++;
    }

    /** In the batch, before it commits: moves the pending rows into the index once there are enough for a bulk. */
    void foldIfDue() throws SQLException {
        if (pending < foldAt) {
            return;
        }
        fold.executeUpdate();
        clear.executeUpdate();
        pending = 0;
    }

    /** After a rollback: the pending rows are what the database says again. */
    void rolledBack() throws SQLException {
        pending = count();
    }

    /** Deletes the customer's rows from both tables, in the caller's transaction (erasure). */
    static void erase(Connection c, String orgId, String customerId) throws SQLException {
        for (String table : new String[] {"customer_events", "customer_events_pending"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE org_id = ? AND customer_id = ?")) {
                ps.setString(1, orgId);
                ps.setString(2, customerId);
                ps.executeUpdate();
            }
        }
    }

    private long count() throws SQLException {
        long n;
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM customer_events_pending");
                ResultSet rs = ps.executeQuery()) {
            n = rs.next() ? rs.getLong(1) : 0;
        }
        // Ends the read: a batch must begin with a write, not upgrade this snapshot (SqlitePipelineStore.begin).
        connection.rollback();
        return n;
    }
}
