package dev.tidings.cluster;

import dev.tidings.registry.RegistryStore.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends rows to a commit-ordered feed ({@code registry_changes}, {@code outbox}): numbers them from
 * the feed's one-row counter, whose row lock the caller's transaction then holds until it commits.
 * Concurrent writers therefore commit their rows in seq order, and a reader of "seq > last" never
 * skips a row that committed late. It must be the last work of the transaction before its commit:
 * everything after it waits in line with every other writer.
 */
final class PostgresChanges {
    /** One registry change waiting for its seq. */
    record Pending(Kind kind, String entityId) {}

    private PostgresChanges() {}

    /** Takes {@code n} sequence numbers of {@code counter}; returns the first. */
    static long reserve(Connection c, String counter, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + counter + " SET seq = seq + ? WHERE id = 1 RETURNING seq")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException(counter + " has no row; the schema is incomplete", "55000");
                }
                return rs.getLong(1) - n + 1;
            }
        }
    }

    /** Writes registry change rows, numbered in order; their trigger notifies listeners on commit. */
    static void registry(Connection c, List<Pending> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        long seq = reserve(c, "registry_counter", changes.size());
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_changes (seq, kind, entity_id, at) VALUES (?, ?, ?, ?)")) {
            for (Pending p : changes) {
                ps.setLong(1, seq++);
                ps.setString(2, p.kind().name());
                ps.setString(3, p.entityId());
                ps.setLong(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
