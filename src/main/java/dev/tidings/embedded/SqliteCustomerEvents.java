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
 * pipeline's batches move them into {@code customer_events} sorted, so a customer's events of the whole
 * bulk share their page writes. The bulk moves one slice of customer ids per batch ({@link #SLICES}):
 * each batch then writes a sixteenth of the pages the whole bulk would, and no single batch holds the
 * store (and the disk, and a core) long enough to show in the intake's latency. Reads by customer take
 * both tables; a pending row whose event has gone (retention) is dropped when it is moved.
 *
 * <p>The writing half belongs to the pipeline's connection and thread; the static parts are for readers.
 */
final class SqliteCustomerEvents {
    /**
     * Pending rows that start a bulk. Reads by customer scan the pending table besides the index: up to
     * about 1.6 times this many rows, as events keep arriving while a bulk moves over 16 batches.
     */
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

    /** Slices of a bulk, by customer id: ids are hex, and slice k holds those from {@code BOUNDS[k]} to the next bound. */
    static final int SLICES = 16;
    private static final String[] BOUNDS = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"};

    private final Connection connection;
    private final int foldAt;
    private final PreparedStatement add;
    private final PreparedStatement fold;
    private final PreparedStatement clear;
    private long pending;
    /** The slice the next batch moves; -1 while no bulk is being moved. */
    private int nextSlice = -1;
    /** The slice the current batch moved, to move again if the batch rolls back; -1 when none. */
    private int movedInBatch = -1;

    SqliteCustomerEvents(Connection connection, int foldAt) throws SQLException {
        this.connection = connection;
        this.foldAt = foldAt;
        add = connection.prepareStatement("INSERT INTO customer_events_pending (slice, request_id, org_id, customer_id,"
                + " event_time) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        // WHERE before ON CONFLICT: SQLite's parser needs it to read the upsert after a SELECT.
        fold = connection.prepareStatement("INSERT INTO customer_events (org_id, customer_id, event_time, request_id)"
                + " SELECT p.org_id, p.customer_id, p.event_time, p.request_id FROM customer_events_pending p"
                + " WHERE p.slice = ? AND EXISTS (SELECT 1 FROM events e WHERE e.request_id = p.request_id)"
                + " ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING");
        clear = connection.prepareStatement("DELETE FROM customer_events_pending WHERE slice = ?");
        pending = count();
    }

    /** Indexes a newly stored event, in the caller's batch. */
    void add(NewEvent e) throws SQLException {
        add.setInt(1, slice(e.customer().id()));
        add.setString(2, e.requestId());
        add.setString(3, e.orgId());
        add.setString(4, e.customer().id());
        add.setLong(5, e.eventDateTime());
        pending += add.executeUpdate();
    }

    /**
     * In the batch, before it commits: once there are enough pending rows for a bulk, moves its next
     * slice into the index; a bulk takes {@link #SLICES} batches.
     */
    void foldIfDue() throws SQLException {
        if (nextSlice < 0) {
            if (pending < foldAt) {
                return;
            }
            nextSlice = 0;
        }
        int slice = nextSlice;
        fold.setInt(1, slice);
        clear.setInt(1, slice);
        fold.executeUpdate();
        pending -= clear.executeUpdate();
        movedInBatch = slice;
        nextSlice = slice + 1 < SLICES ? slice + 1 : -1;
    }

    /** After the batch committed. */
    void committed() {
        movedInBatch = -1;
    }

    /** After a rollback: the pending rows are what the database says again, and a slice moved in the batch moves again. */
    void rolledBack() throws SQLException {
        if (movedInBatch >= 0) {
            nextSlice = movedInBatch;
            movedInBatch = -1;
        }
        pending = count();
    }

    /** The slice of a customer id: the last bound it is not below, as SQLite compares text (ids are ASCII). */
    static int slice(String customerId) {
        for (int k = SLICES - 1; k > 0; k--) {
            if (customerId.compareTo(BOUNDS[k]) >= 0) {
                return k;
            }
        }
        return 0;
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
