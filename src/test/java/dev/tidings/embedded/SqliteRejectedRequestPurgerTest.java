package dev.tidings.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRejectedRequestPurgerTest {
    private static final Instant NOW = Instant.parse("2024-04-20T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path dir;

    @Test
    void rejectedRequestsOlderThanTheRetentionGoWhileRecentAndProcessedOnesStay() throws SQLException {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("store.db"), "store");
        long old = NOW.minus(WEEK).minusSeconds(1).toEpochMilli();
        long recent = NOW.minus(WEEK).plusSeconds(1).toEpochMilli();
        insert(db, "old-rejected", "REJECTED", old);
        insert(db, "recent-rejected", "REJECTED", recent);
        insert(db, "old-processed", "PROCESSED", old);
        insert(db, "old-failed", "FAILED", old);

        int purged = new SqliteRejectedRequestPurger(db, WEEK, Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertThat(purged).isEqualTo(1);
        assertThat(requestIds(db)).containsExactlyInAnyOrder("recent-rejected", "old-processed", "old-failed");
    }

    @Test
    void morePurgeableRequestsThanOneChunkAreAllPurged() throws SQLException {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("store.db"), "store");
        int count = SqliteRejectedRequestPurger.CHUNK * 2 + 7;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert(c, "r" + i, "REJECTED", 1000L + i);
            }
            c.commit();
        }

        int purged = new SqliteRejectedRequestPurger(db, WEEK, Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertThat(purged).isEqualTo(count);
        assertThat(requestIds(db)).isEmpty();
    }

    private static void insert(SqliteDatabase db, String id, String status, long receivedAt) throws SQLException {
        try (Connection c = db.connect()) {
            insert(c, id, status, receivedAt);
        }
    }

    private static void insert(Connection c, String id, String status, long receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO requests (request_id, org_id, webhook_id, event_name,"
                + " status, test, received_at, states) VALUES (?, 'org', 'hook', 'e', ?, 0, ?, '[]')")) {
            ps.setString(1, id);
            ps.setString(2, status);
            ps.setLong(3, receivedAt);
            ps.executeUpdate();
        }
    }

    private static List<String> requestIds(SqliteDatabase db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT request_id FROM requests");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
