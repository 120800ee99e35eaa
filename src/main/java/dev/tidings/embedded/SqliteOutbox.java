package dev.tidings.embedded;

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

/** The outbox in the embedded store, read on one connection of its own (serialized). */
public final class SqliteOutbox implements Outbox, AutoCloseable {
    private final Connection connection;

    public SqliteOutbox(SqliteDatabase database) {
        this.connection = database.connect();
    }

    @Override
    public synchronized List<OutboxEntry> after(long afterSeq, int max) {
        List<OutboxEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq, org_id, request_id, event_name, customer_id,"
                + " is_duplicate, test, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6) == 1, rs.getInt(7) == 1, rs.getLong(8)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the outbox", e);
        }
    }

    @Override
    public synchronized List<OutboxEvent> eventsAfter(long afterSeq, int max) {
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(StoreRows.OUTBOX_EVENTS_SQL)) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(StoreRows.outboxEvent(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the outbox", e);
        }
    }

    @Override
    public synchronized long position(String consumer) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM outbox_positions WHERE consumer = ?")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the outbox position of " + consumer, e);
        }
    }

    @Override
    public synchronized void commit(String consumer, long seq) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO outbox_positions (consumer, seq) VALUES (?, ?)"
                + " ON CONFLICT (consumer) DO UPDATE SET seq = max(seq, excluded.seq)")) {
            ps.setString(1, consumer);
            ps.setLong(2, seq);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot move the outbox position of " + consumer, e);
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
