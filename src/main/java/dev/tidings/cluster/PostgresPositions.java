package dev.tidings.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** The log positions a batch consumed, written in the batch's own transaction. */
final class PostgresPositions {
    private PostgresPositions() {}

    /**
     * GREATEST: a position never moves back, so a worker that lost its partitions in a rebalance and
     * commits late cannot rewind the new owner. Partitions in ascending order, so two workers briefly
     * sharing partitions lock their rows in the same order and never deadlock.
     */
    static void advance(Connection c, String logId, Map<Integer, Long> nextPositions) throws SQLException {
        if (nextPositions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_positions (log_id, partition, next) VALUES (?, ?, ?)"
                + " ON CONFLICT (log_id, partition) DO UPDATE SET next = GREATEST(log_positions.next, excluded.next)")) {
            for (Map.Entry<Integer, Long> p : new TreeMap<>(nextPositions).entrySet()) {
                ps.setString(1, logId);
                ps.setInt(2, p.getKey());
                ps.setLong(3, p.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
