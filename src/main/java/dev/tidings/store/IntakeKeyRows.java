package dev.tidings.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@link IntakeKeys} on table {@code intake_keys}, the same in SQLite and PostgreSQL; each
 * implementation runs these in its own transaction (SQLite takes the write lock first, PostgreSQL
 * locks the row with {@code FOR UPDATE}).
 */
public final class IntakeKeyRows {
    private IntakeKeyRows() {}

    public static List<IntakeKeys.Claim> claim(Connection c, String scope, List<String> keys, String fingerprint, long now,
            long expiredBefore, long staleBefore, boolean forUpdate) throws SQLException {
        List<IntakeKeys.Claim> claims = new ArrayList<>(keys.size());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO intake_keys (scope, key, fingerprint, claimed_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING");
                PreparedStatement select = c.prepareStatement("SELECT fingerprint, claimed_at, answer_status, answer"
                        + " FROM intake_keys WHERE scope = ? AND key = ?" + (forUpdate ? " FOR UPDATE" : ""));
                PreparedStatement reclaim = c.prepareStatement("UPDATE intake_keys SET fingerprint = ?, claimed_at = ?,"
                        + " answer_status = NULL, answer = NULL WHERE scope = ? AND key = ?")) {
            for (String key : keys) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, fingerprint);
                insert.setLong(4, now);
                if (insert.executeUpdate() == 1) {
                    claims.add(new IntakeKeys.Claim(IntakeKeys.State.CLAIMED, fingerprint, 0, null));
                    continue;
                }
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    String held = rs.getString(1);
                    long claimedAt = rs.getLong(2);
                    int status = rs.getInt(3);
                    boolean answered = !rs.wasNull();
                    byte[] answer = rs.getBytes(4);
                    if (claimedAt < expiredBefore || !answered && claimedAt < staleBefore) {
                        reclaim.setString(1, fingerprint);
                        reclaim.setLong(2, now);
                        reclaim.setString(3, scope);
                        reclaim.setString(4, key);
                        reclaim.executeUpdate();
                        claims.add(new IntakeKeys.Claim(IntakeKeys.State.CLAIMED, fingerprint, 0, null));
                    } else {
                        claims.add(new IntakeKeys.Claim(answered ? IntakeKeys.State.DONE : IntakeKeys.State.IN_FLIGHT,
                                held, status, answer));
                    }
                }
            }
        }
        return claims;
    }

    public static void complete(Connection c, String scope, List<String> keys, int status, byte[] answer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE intake_keys SET answer_status = ?, answer = ?"
                + " WHERE scope = ? AND key = ?")) {
            for (String key : keys) {
                ps.setInt(1, status);
                ps.setBytes(2, answer);
                ps.setString(3, scope);
                ps.setString(4, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void release(Connection c, String scope, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM intake_keys WHERE scope = ? AND key = ?"
                + " AND answer_status IS NULL")) {
            for (String key : keys) {
                ps.setString(1, scope);
                ps.setString(2, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static int purge(Connection c, long expiredBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM intake_keys WHERE claimed_at < ?")) {
            ps.setLong(1, expiredBefore);
            return ps.executeUpdate();
        }
    }
}
