package dev.tidings.loyalty.sql;

import dev.tidings.loyalty.Award;
import dev.tidings.loyalty.Earning;
import dev.tidings.loyalty.EarningJson;
import dev.tidings.loyalty.EntryType;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.loyalty.InsufficientPointsException;
import dev.tidings.loyalty.LedgerEntry;
import dev.tidings.loyalty.Usage;
import dev.tidings.loyalty.Milestone;
import dev.tidings.loyalty.Progress;
import dev.tidings.loyalty.Totals;
import dev.tidings.loyalty.Window;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The loyalty tables (store migration V6, PostgreSQL V3) in the SQL both databases run alike: plain
 * statements, {@code ON CONFLICT} upserts, no dialect functions. The SQLite and PostgreSQL stores own
 * the connections, transactions, locks and error translation and call these with a connection in hand,
 * so the two stores cannot drift apart in what they mean.
 *
 * <p>Multi-statement operations ({@link #reverse}, {@link #adjust}, {@link #expire}) expect the caller's
 * transaction.
 */
public final class LoyaltyTables {
    private static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();
    private static final String ENTRY = "SELECT seq, entry_id, org_id, customer_id, type, points, rule_id, rule_version,"
            + " request_id, at, release_at, expires_at, note, actor, reverses FROM loyalty_ledger";
    private static final String AWARD = "SELECT rule_id, request_id, org_id, customer_id, rule_version, event_at, points,"
            + " capped, entry_id FROM loyalty_awards";

    private LoyaltyTables() {}

    // --- rules and milestones ---

    public static void insertEarning(Connection c, Earning e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_rules (id, org_id, kind, event, status, version,"
                + " created_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setString(2, e.orgId());
            ps.setString(3, kind(e));
            ps.setString(4, e.event());
            ps.setString(5, e.status().name());
            ps.setInt(6, e.version());
            ps.setLong(7, e.createdAt().toEpochMilli());
            ps.setString(8, EarningJson.document(e));
            ps.executeUpdate();
        }
    }

    public static boolean updateEarning(Connection c, Earning e, int previousVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_rules SET event = ?, status = ?, version = ?, doc = ?"
                + " WHERE id = ? AND org_id = ? AND version = ?")) {
            ps.setString(1, e.event());
            ps.setString(2, e.status().name());
            ps.setInt(3, e.version());
            ps.setString(4, EarningJson.document(e));
            ps.setString(5, e.id());
            ps.setString(6, e.orgId());
            ps.setInt(7, previousVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public static Optional<Earning> earning(Connection c, String orgId, String id) throws SQLException {
        List<Earning> found = earnings(c, "SELECT org_id, kind, doc FROM loyalty_rules WHERE org_id = ? AND id = ?", orgId, id);
        return found.stream().findFirst();
    }

    public static List<Earning> earnings(Connection c, String orgId, boolean milestones) throws SQLException {
        return earnings(c, "SELECT org_id, kind, doc FROM loyalty_rules WHERE org_id = ? AND kind = ? ORDER BY created_at, id",
                orgId, milestones ? "MILESTONE" : "RULE");
    }

    public static List<Earning> active(Connection c) throws SQLException {
        return earnings(c, "SELECT org_id, kind, doc FROM loyalty_rules WHERE status = ? ORDER BY created_at, id", "ACTIVE");
    }

    private static List<Earning> earnings(Connection c, String sql, String... params) throws SQLException {
        List<Earning> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(EarningJson.read(rs.getString(1), "MILESTONE".equals(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static String kind(Earning e) {
        return e instanceof Milestone ? "MILESTONE" : "RULE";
    }

    // --- the engine's position ---

    public static long position(Connection c, String consumer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM outbox_positions WHERE consumer = ?")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves forward only, like {@code Outbox.commit}. */
    public static void commitPosition(Connection c, String consumer, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_positions (consumer, seq) VALUES (?, ?)"
                + " ON CONFLICT (consumer) DO UPDATE SET seq = CASE WHEN excluded.seq > outbox_positions.seq"
                + " THEN excluded.seq ELSE outbox_positions.seq END")) {
            ps.setString(1, consumer);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }

    public static long outboxHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM outbox");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    // --- awards ---

    public static Usage usage(Connection c, String ruleId, String customerId, Window.Span span) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM loyalty_awards"
                + " WHERE rule_id = ? AND customer_id = ? AND event_at >= ? AND event_at < ? AND points > 0")) {
            ps.setString(1, ruleId);
            ps.setString(2, customerId);
            ps.setLong(3, span.from());
            ps.setLong(4, span.to());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    public static boolean insertAward(Connection c, Award a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_awards (rule_id, request_id, org_id, customer_id,"
                + " rule_version, event_at, points, capped, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (rule_id, request_id) DO NOTHING")) {
            ps.setString(1, a.ruleId());
            ps.setString(2, a.requestId());
            ps.setString(3, a.orgId());
            ps.setString(4, a.customerId());
            ps.setInt(5, a.ruleVersion());
            ps.setLong(6, a.eventAt());
            ps.setLong(7, a.points());
            ps.setBoolean(8, a.capped());
            ps.setString(9, a.entryId());
            return ps.executeUpdate() == 1;
        }
    }

    public static List<Award> awards(Connection c, String orgId, String requestId) throws SQLException {
        List<Award> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AWARD + " WHERE org_id = ? AND request_id = ? ORDER BY rule_id")) {
            ps.setString(1, orgId);
            ps.setString(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Award(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getLong(6), rs.getLong(7), rs.getBoolean(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    // --- ledger ---

    public static void insertEntry(Connection c, LedgerEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_ledger (entry_id, org_id, customer_id, type, points,"
                + " rule_id, rule_version, request_id, at, release_at, expires_at, note, actor, reverses)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.entryId());
            ps.setString(2, e.orgId());
            ps.setString(3, e.customerId());
            ps.setString(4, e.type().name());
            ps.setLong(5, e.points());
            ps.setString(6, e.ruleId());
            setInt(ps, 7, e.ruleVersion());
            ps.setString(8, e.requestId());
            ps.setLong(9, e.at());
            setLong(ps, 10, e.releaseAt());
            setLong(ps, 11, e.expiresAt());
            ps.setString(12, e.note());
            ps.setString(13, e.actor());
            ps.setString(14, e.reverses());
            ps.executeUpdate();
        }
        if (e.points() > 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_lots (entry_id, org_id, customer_id, at,"
                    + " release_at, expires_at, remaining) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.entryId());
                ps.setString(2, e.orgId());
                ps.setString(3, e.customerId());
                ps.setLong(4, e.at());
                setLong(ps, 5, e.releaseAt());
                setLong(ps, 6, e.expiresAt());
                ps.setLong(7, e.points());
                ps.executeUpdate();
            }
        }
    }

    public static List<LedgerEntry> ledger(Connection c, String orgId, String customerId, Long beforeSeq, int limit)
            throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ENTRY + " WHERE org_id = ? AND customer_id = ? AND seq < ?"
                + " ORDER BY seq DESC LIMIT ?")) {
            ps.setString(1, orgId);
            ps.setString(2, customerId);
            ps.setLong(3, beforeSeq == null ? Long.MAX_VALUE : beforeSeq);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        int version = rs.getInt(8);
        Integer ruleVersion = rs.wasNull() ? null : version;
        return new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                EntryType.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7), ruleVersion, rs.getString(9),
                rs.getLong(10), nullableLong(rs, 11), nullableLong(rs, 12), rs.getString(13), rs.getString(14),
                rs.getString(15));
    }

    public static Totals totals(Connection c, String orgId, String customerId, long now) throws SQLException {
        long balance;
        long pending;
        long earned;
        long expired;
        long reversed;
        try (PreparedStatement ps = c.prepareStatement("SELECT"
                + " COALESCE(SUM(CASE WHEN release_at IS NULL OR release_at <= ? THEN points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN release_at > ? THEN points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN type = 'EARN' THEN points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN type = 'EXPIRE' THEN -points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN type = 'REVERSE' THEN -points ELSE 0 END), 0)"
                + " FROM loyalty_ledger WHERE org_id = ? AND customer_id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, orgId);
            ps.setString(4, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                balance = rs.getLong(1);
                pending = rs.getLong(2);
                earned = rs.getLong(3);
                expired = rs.getLong(4);
                reversed = rs.getLong(5);
            }
        }
        long expiring;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lots"
                + " WHERE org_id = ? AND customer_id = ? AND remaining > 0 AND expires_at > ? AND expires_at <= ?"
                + " AND (release_at IS NULL OR release_at <= ?)")) {
            ps.setString(1, orgId);
            ps.setString(2, customerId);
            ps.setLong(3, now);
            ps.setLong(4, now + THIRTY_DAYS);
            ps.setLong(5, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                expiring = rs.getLong(1);
            }
        }
        return new Totals(balance, pending, earned, expired, reversed, expiring);
    }

    // --- milestones ---

    public static Optional<Progress> progress(Connection c, String milestoneId, String customerId, long windowStart)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current, achieved_at FROM loyalty_milestone_progress"
                + " WHERE milestone_id = ? AND customer_id = ? AND window_start = ?")) {
            ps.setString(1, milestoneId);
            ps.setString(2, customerId);
            ps.setLong(3, windowStart);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Progress(milestoneId, customerId, windowStart, rs.getLong(1),
                        nullableLong(rs, 2))) : Optional.empty();
            }
        }
    }

    public static boolean countOnce(Connection c, String milestoneId, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_milestone_events (milestone_id, request_id)"
                + " VALUES (?, ?) ON CONFLICT (milestone_id, request_id) DO NOTHING")) {
            ps.setString(1, milestoneId);
            ps.setString(2, requestId);
            return ps.executeUpdate() == 1;
        }
    }

    public static void saveProgress(Connection c, Progress p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_milestone_progress (milestone_id, customer_id,"
                + " window_start, current, achieved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (milestone_id, customer_id,"
                + " window_start) DO UPDATE SET current = excluded.current, achieved_at = excluded.achieved_at")) {
            ps.setString(1, p.milestoneId());
            ps.setString(2, p.customerId());
            ps.setLong(3, p.windowStart());
            ps.setLong(4, p.current());
            setLong(ps, 5, p.achievedAt());
            ps.executeUpdate();
        }
    }

    // --- evaluations ---

    public static void saveEvaluation(Connection c, Evaluation e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_evaluations (request_id, org_id, at, dry_run,"
                + " message, results) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, request_id) DO UPDATE SET"
                + " at = excluded.at, dry_run = excluded.dry_run, message = excluded.message, results = excluded.results")) {
            ps.setString(1, e.requestId());
            ps.setString(2, e.orgId());
            ps.setLong(3, e.at());
            ps.setBoolean(4, e.dryRun());
            ps.setString(5, e.message());
            ps.setString(6, e.results());
            ps.executeUpdate();
        }
    }

    public static Optional<Evaluation> evaluation(Connection c, String orgId, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT at, dry_run, message, results FROM loyalty_evaluations"
                + " WHERE org_id = ? AND request_id = ?")) {
            ps.setString(1, orgId);
            ps.setString(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Evaluation(requestId, orgId, rs.getLong(1), rs.getBoolean(2),
                        rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        }
    }

    // --- reversals, adjustments, expiry (in the caller's transaction) ---

    public static int reverse(Connection c, String orgId, String requestId, String note, String actor, long now)
            throws SQLException {
        record Target(String entryId, String customerId, String ruleId, Integer ruleVersion, long points, Long releaseAt,
                long expired) {}
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.entry_id, l.customer_id, l.rule_id, l.rule_version, l.points,"
                + " l.release_at, COALESCE(t.expired, 0) FROM loyalty_ledger l LEFT JOIN loyalty_lots t ON t.entry_id = l.entry_id"
                + " WHERE l.org_id = ? AND l.request_id = ? AND l.type = 'EARN'"
                + " AND NOT EXISTS (SELECT 1 FROM loyalty_ledger r WHERE r.type = 'REVERSE' AND r.reverses = l.entry_id)"
                + " ORDER BY l.seq")) {
            ps.setString(1, orgId);
            ps.setString(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int v = rs.getInt(4);
                    targets.add(new Target(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : v,
                            rs.getLong(5), nullableLong(rs, 6), rs.getLong(7)));
                }
            }
        }
        for (Target t : targets) {
            // What expired is gone already; taking it back again would count it twice.
            long back = t.points() - t.expired();
            insertEntry(c, new LedgerEntry(0, UUID.randomUUID().toString(), orgId, t.customerId(), EntryType.REVERSE, -back,
                    t.ruleId(), t.ruleVersion(), requestId, now, t.releaseAt(), null, note, actor, t.entryId()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_lots SET remaining = 0 WHERE entry_id = ?")) {
                ps.setString(1, t.entryId());
                ps.executeUpdate();
            }
        }
        return targets.size();
    }

    public static LedgerEntry adjust(Connection c, String orgId, String customerId, long points, String note, String actor,
            long now) throws SQLException {
        if (points < 0) {
            spend(c, orgId, customerId, -points, now);
        }
        LedgerEntry e = new LedgerEntry(0, UUID.randomUUID().toString(), orgId, customerId, EntryType.ADJUST, points, null,
                null, null, now, null, null, note, actor, null);
        insertEntry(c, e);
        return e;
    }

    /** Takes {@code amount} from the customer's released lots, oldest first, or refuses when they hold less. */
    private static void spend(Connection c, String orgId, String customerId, long amount, long now) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> remaining = new ArrayList<>();
        long available = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, remaining FROM loyalty_lots WHERE org_id = ?"
                + " AND customer_id = ? AND remaining > 0 AND (release_at IS NULL OR release_at <= ?)"
                + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY at, entry_id")) {
            ps.setString(1, orgId);
            ps.setString(2, customerId);
            ps.setLong(3, now);
            ps.setLong(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    remaining.add(rs.getLong(2));
                    available += rs.getLong(2);
                }
            }
        }
        // The balance, not just the lots, bounds a spend: a reversal may have left it below them.
        long balance = totals(c, orgId, customerId, now).balance();
        if (amount > Math.min(available, balance)) {
            throw new InsufficientPointsException(Math.max(0, Math.min(available, balance)));
        }
        long left = amount;
        try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_lots SET remaining = ? WHERE entry_id = ?")) {
            for (int i = 0; i < ids.size() && left > 0; i++) {
                long take = Math.min(left, remaining.get(i));
                ps.setLong(1, remaining.get(i) - take);
                ps.setString(2, ids.get(i));
                ps.executeUpdate();
                left -= take;
            }
        }
    }

    public static int expire(Connection c, long now, int max) throws SQLException {
        record Lot(String entryId, String orgId, String customerId, long remaining, Long expiresAt) {}
        List<Lot> lots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, org_id, customer_id, remaining, expires_at"
                + " FROM loyalty_lots WHERE remaining > 0 AND expires_at <= ? ORDER BY expires_at, at, entry_id LIMIT ?")) {
            ps.setLong(1, now);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lots.add(new Lot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        for (Lot l : lots) {
            insertEntry(c, new LedgerEntry(0, UUID.randomUUID().toString(), l.orgId(), l.customerId(), EntryType.EXPIRE,
                    -l.remaining(), null, null, null, l.expiresAt(), null, null, "expired", "expiry", l.entryId()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_lots SET expired = expired + remaining,"
                    + " remaining = 0 WHERE entry_id = ?")) {
                ps.setString(1, l.entryId());
                ps.executeUpdate();
            }
        }
        return lots.size();
    }

    // --- binding helpers ---

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }
}
