package dev.tidings.cluster;

import dev.tidings.store.NewEvent;
import dev.tidings.store.Outbox;
import dev.tidings.store.OutboxEntry;
import dev.tidings.store.OutboxEvent;
import dev.tidings.store.StoreRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of processed events in the cluster's PostgreSQL store. Rows are written by pipeline
 * batches ({@link #append}), numbered at commit so seqs become visible in order; each consumer keeps
 * its own position.
 *
 * <p>Threads: any; every call borrows a pooled connection.
 */
public final class PostgresOutbox implements Outbox {
    private final PostgresDatabase database;

    public PostgresOutbox(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public List<OutboxEntry> after(long afterSeq, int max) {
        return PostgresWork.run(database, "read the outbox", c -> {
            List<OutboxEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, org_id, request_id, event_name, customer_id,"
                    + " is_duplicate, test, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8)));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public List<OutboxEvent> eventsAfter(long afterSeq, int max) {
        return PostgresWork.run(database, "read the outbox", c -> {
            List<OutboxEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(StoreRows.OUTBOX_EVENTS_SQL)) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(StoreRows.outboxEvent(rs));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public long position(String consumer) {
        return PostgresWork.run(database, "read the outbox position of " + consumer, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM outbox_positions WHERE consumer = ?")) {
                ps.setString(1, consumer);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void commit(String consumer, long seq) {
        PostgresWork.run(database, "move the outbox position of " + consumer, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_positions (consumer, seq) VALUES (?, ?)"
                    + " ON CONFLICT (consumer) DO UPDATE SET seq = GREATEST(outbox_positions.seq, excluded.seq)")) {
                ps.setString(1, consumer);
                ps.setLong(2, seq);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Writes a batch's outbox rows in the caller's transaction, numbered in the order given, as one
     * statement over arrays: the counter's lock is held from here to the commit, so the tail is kept
     * to one round trip however many events the batch stored.
     */
    static void append(Connection c, List<NewEvent> events) throws SQLException {
        int n = events.size();
        if (n == 0) {
            return;
        }
        String[] orgs = new String[n];
        String[] requests = new String[n];
        String[] names = new String[n];
        String[] customers = new String[n];
        Boolean[] duplicates = new Boolean[n];
        Boolean[] tests = new Boolean[n];
        Long[] createdAt = new Long[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            orgs[i] = e.orgId();
            requests[i] = e.requestId();
            names[i] = e.eventName();
            customers[i] = e.customer().id();
            duplicates[i] = e.duplicate();
            tests[i] = e.test();
            createdAt[i] = e.receivedAt();
        }
        long first = PostgresChanges.reserve(c, "outbox_counter", n);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (seq, org_id, request_id, event_name, customer_id,"
                + " is_duplicate, test, created_at) SELECT ? + t.o - 1, t.org, t.req, t.name, t.cust, t.dup, t.test, t.at"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::bigint[])"
                + " WITH ORDINALITY AS t(org, req, name, cust, dup, test, at, o)")) {
            ps.setLong(1, first);
            ps.setArray(2, c.createArrayOf("text", orgs));
            ps.setArray(3, c.createArrayOf("text", requests));
            ps.setArray(4, c.createArrayOf("text", names));
            ps.setArray(5, c.createArrayOf("text", customers));
            ps.setArray(6, c.createArrayOf("bool", duplicates));
            ps.setArray(7, c.createArrayOf("bool", tests));
            ps.setArray(8, c.createArrayOf("int8", createdAt));
            ps.executeUpdate();
        }
    }
}
