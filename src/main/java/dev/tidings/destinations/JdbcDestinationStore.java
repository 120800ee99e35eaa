package dev.tidings.destinations;

import dev.tidings.store.SqlWhere;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The destination store's SQL, which SQLite and PostgreSQL read alike ({@code ON CONFLICT},
 * {@code RETURNING}, bound parameters only). What differs — how a connection and a transaction are
 * had, how the outbox position is moved, and the row locking of a claim — is left to the one subclass
 * per database ({@code embedded.SqliteDestinationStore}, {@code cluster.PostgresDestinationStore}),
 * which also translates driver errors.
 */
public abstract class JdbcDestinationStore implements DestinationStore {
    private static final String DESTINATION = "SELECT id, org_id, settings, status, disabled_reason, secret,"
            + " previous_secret, previous_until, failing_since, created_at, updated_at FROM destinations";
    private static final String DELIVERY_COLUMNS = "id, destination_id, org_id, request_id, seq, customer_id, event_at,"
            + " payload, status, attempts, round_start, next_attempt_at, last_attempt_at, last_status, last_body,"
            + " last_duration_ms, last_error, created_at";
    private static final String DELIVERY = "SELECT " + DELIVERY_COLUMNS + " FROM deliveries";

    /** One unit of work on a connection. */
    protected interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} with autocommit (one statement, or reads). */
    protected abstract <T> T read(String what, Work<T> work);

    /** Runs {@code work} in one transaction, committed when it returns. */
    protected abstract <T> T inTransaction(String what, Work<T> work);

    /** The upsert of the consumer's outbox position that never moves it back. */
    protected abstract String positionUpsert();

    /** What follows the claim's inner SELECT: row locking where the database has it. */
    protected abstract String claimLocking();

    @Override
    public void create(Destination d) {
        inTransaction("create destination " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO destinations (id, org_id, name, settings, status,"
                    + " disabled_reason, secret, previous_secret, previous_until, failing_since, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, d.id());
                ps.setString(2, d.orgId());
                bindDestination(ps, 3, d);
                ps.setLong(11, d.createdAt());
                ps.setLong(12, d.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean update(Destination d) {
        return inTransaction("update destination " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE destinations SET name = ?, settings = ?, status = ?,"
                    + " disabled_reason = ?, secret = ?, previous_secret = ?, previous_until = ?, failing_since = ?,"
                    + " updated_at = ? WHERE id = ? AND org_id = ?")) {
                bindDestination(ps, 1, d);
                ps.setLong(9, d.updatedAt());
                ps.setString(10, d.id());
                ps.setString(11, d.orgId());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** name, settings, status, reason, secret, previous, previous_until, failing_since from {@code i}. */
    private static void bindDestination(PreparedStatement ps, int i, Destination d) throws SQLException {
        ps.setString(i, d.settings().name());
        ps.setString(i + 1, SettingsJson.write(d.settings()));
        ps.setString(i + 2, d.status().name());
        ps.setString(i + 3, d.disabledReason());
        ps.setString(i + 4, d.secret());
        ps.setString(i + 5, d.previousSecret());
        ps.setLong(i + 6, d.previousUntil());
        ps.setLong(i + 7, d.failingSince());
    }

    @Override
    public Optional<Destination> get(String orgId, String id) {
        List<Destination> found = destinations(DESTINATION + " WHERE org_id = ? AND id = ?", orgId, id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Destination> list(String orgId) {
        return destinations(DESTINATION + " WHERE org_id = ? ORDER BY created_at, id", orgId);
    }

    @Override
    public List<Destination> all() {
        return destinations(DESTINATION + " ORDER BY created_at, id");
    }

    private List<Destination> destinations(String sql, Object... params) {
        return read("read destinations", c -> {
            List<Destination> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Destination(rs.getString(1), rs.getString(2), SettingsJson.read(rs.getString(3)),
                                Destination.Status.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void enqueue(List<NewDelivery> deliveries, long seq, long now) {
        inTransaction("enqueue deliveries", c -> {
            if (!deliveries.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO deliveries (id, destination_id, org_id,"
                        + " request_id, seq, customer_id, event_at, payload, status, attempts, round_start, next_attempt_at,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, ?)"
                        + " ON CONFLICT (destination_id, request_id) DO NOTHING")) {
                    for (NewDelivery d : deliveries) {
                        ps.setString(1, d.id());
                        ps.setString(2, d.destinationId());
                        ps.setString(3, d.orgId());
                        ps.setString(4, d.requestId());
                        ps.setLong(5, d.seq());
                        ps.setString(6, d.customerId());
                        ps.setLong(7, d.eventAt());
                        ps.setString(8, d.payload());
                        ps.setLong(9, now);
                        ps.setLong(10, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(positionUpsert())) {
                ps.setString(1, CONSUMER);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Delivery> claim(String destinationId, long now, int max, boolean perCustomer, String owner, long leaseUntil) {
        String eligible = "SELECT d.id FROM deliveries d WHERE d.destination_id = ? AND d.status = 'PENDING'"
                + " AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)"
                + (perCustomer ? " AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.destination_id = d.destination_id"
                        + " AND e.customer_id = d.customer_id AND e.status = 'PENDING' AND e.seq < d.seq)" : "")
                // In the due index's order: the scan stops after LIMIT rows. Ordering by seq alone sorted every
                // pending row on each claim, quadratic in the backlog.
                + " ORDER BY d.next_attempt_at, d.seq LIMIT ?" + claimLocking();
        return read("claim deliveries of " + destinationId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET lease_owner = ?, lease_until = ?"
                    + " WHERE id IN (" + eligible + ") RETURNING " + DELIVERY_COLUMNS)) {
                ps.setString(1, owner);
                ps.setLong(2, leaseUntil);
                ps.setString(3, destinationId);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.setInt(6, max);
                List<Delivery> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(delivery(rs));
                    }
                }
                claimed.sort((a, b) -> Long.compare(a.seq(), b.seq()));
                return claimed;
            }
        });
    }

    @Override
    public void record(List<Recorded> attempts, long now) {
        inTransaction("record " + attempts.size() + " attempts", c -> {
            for (Recorded r : attempts) {
                record(c, r.delivery(), r.attempt(), r.outcome(), now);
            }
            return null;
        });
    }

    private static void record(Connection c, Delivery d, Attempt a, AttemptOutcome outcome, long now) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET status = ?, attempts = attempts + 1,"
                + " next_attempt_at = ?, last_attempt_at = ?, last_status = ?, last_body = ?, last_duration_ms = ?,"
                + " last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? RETURNING attempts")) {
            ps.setString(1, outcome.status().name());
            if (outcome.status() == DeliveryStatus.PENDING) {
                ps.setLong(2, outcome.nextAttemptAt());
            } else {
                ps.setNull(2, Types.BIGINT);
            }
            ps.setLong(3, a.at());
            ps.setInt(4, a.status());
            ps.setString(5, a.response());
            ps.setLong(6, a.durationMs());
            ps.setString(7, a.error());
            ps.setString(8, d.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                n = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_attempts (delivery_id, n, at, status, error,"
                + " duration_ms, response) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.id());
            ps.setInt(2, n);
            ps.setLong(3, a.at());
            ps.setInt(4, a.status());
            ps.setString(5, a.error());
            ps.setLong(6, a.durationMs());
            ps.setString(7, a.response());
            ps.executeUpdate();
        }
        String streak = outcome.success() ? "failing_since = 0"
                : "failing_since = CASE WHEN failing_since = 0 THEN ? ELSE failing_since END";
        String disable = outcome.disableReason() == null ? "" : ", status = 'DISABLED', disabled_reason = ?, updated_at = ?";
        try (PreparedStatement ps = c.prepareStatement("UPDATE destinations SET " + streak + disable + " WHERE id = ?")) {
            int i = 1;
            if (!outcome.success()) {
                ps.setLong(i++, now);
            }
            if (outcome.disableReason() != null) {
                ps.setString(i++, outcome.disableReason());
                ps.setLong(i++, now);
            }
            ps.setString(i, d.destinationId());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<Delivery> delivery(String destinationId, String deliveryId) {
        List<Delivery> found = deliveries(DELIVERY + " WHERE destination_id = ? AND id = ?", destinationId, deliveryId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Delivery> deliveries(DeliveryQuery q) {
        SqlWhere where = new SqlWhere().and("destination_id = ?", q.destinationId());
        if (q.status() != null) {
            where.and("status = ?", q.status().name());
        }
        if (q.requestId() != null) {
            where.and("request_id = ?", q.requestId());
        }
        where.range("created_at", q.from(), q.to());
        if (q.afterCreatedAt() != null) {
            where.and("created_at <= ?", q.afterCreatedAt())
                    .and("(created_at < ? OR id < ?)", q.afterCreatedAt(), q.afterId());
        }
        return read("list deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELIVERY + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                int i = where.bind(ps);
                ps.setInt(i, q.limit());
                return deliveryRows(ps);
            }
        });
    }

    private List<Delivery> deliveries(String sql, String a, String b) {
        return read("read deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, a);
                ps.setString(2, b);
                return deliveryRows(ps);
            }
        });
    }

    private static List<Delivery> deliveryRows(PreparedStatement ps) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(delivery(rs));
            }
        }
        return out;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), DeliveryStatus.valueOf(rs.getString(9)), rs.getInt(10),
                rs.getInt(11), rs.getLong(12), rs.getLong(13), rs.getInt(14), rs.getString(15), rs.getLong(16),
                rs.getString(17), rs.getLong(18));
    }

    @Override
    public List<Attempt> attempts(String deliveryId) {
        return read("read attempts of " + deliveryId, c -> {
            List<Attempt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT delivery_id, n, at, status, error, duration_ms, response"
                    + " FROM delivery_attempts WHERE delivery_id = ? ORDER BY id")) {
                ps.setString(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Attempt(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                                rs.getLong(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int replay(String destinationId, Replay r, long now) {
        SqlWhere where = new SqlWhere().and("destination_id = ?", destinationId);
        if (r.status() != null) {
            where.and("status = ?", r.status().name());
        }
        where.range("created_at", r.from(), r.to());
        if (r.requestIds() != null) {
            where.and("request_id IN (" + String.join(", ", r.requestIds().stream().map(x -> "?").toList()) + ")",
                    r.requestIds().toArray());
        }
        // now is a clock reading (a long), not input: inlined so the filter's values bind from index 1.
        return inTransaction("replay deliveries of " + destinationId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET status = 'PENDING', round_start = attempts,"
                    + " next_attempt_at = " + now + where.sql())) {
                where.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Delivery> forRequest(String orgId, String requestId) {
        return deliveries(DELIVERY + " WHERE org_id = ? AND request_id = ? ORDER BY created_at, destination_id", orgId,
                requestId);
    }

    @Override
    public List<Backlog> backlog() {
        return read("read the delivery backlog", c -> {
            List<Backlog> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT destination_id, COUNT(*), MIN(created_at) FROM deliveries"
                    + " WHERE status = 'PENDING' GROUP BY destination_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Backlog(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }
}
