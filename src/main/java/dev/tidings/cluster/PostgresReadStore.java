package dev.tidings.cluster;

import dev.tidings.store.Cursor;
import dev.tidings.store.Customer;
import dev.tidings.store.CustomerErasure;
import dev.tidings.store.CustomerRows;
import dev.tidings.store.Erasure;
import dev.tidings.store.EventRetention;
import dev.tidings.store.EventQuery;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.LogQuery;
import dev.tidings.store.Page;
import dev.tidings.store.ReadStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.SqlWhere;
import dev.tidings.store.StoreRows;
import dev.tidings.store.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's reads from the cluster's PostgreSQL store. Every list orders by (time DESC,
 * request_id DESC), matching an index (org_id[, event_name | status | customer_id], time DESC,
 * request_id DESC), so PostgreSQL reads the index in order and stops after {@code limit + 1} rows: no
 * sort, no OFFSET. The query text is the embedded store's ({@link SqlWhere}, {@link StoreRows}); only
 * the attribute filter is PostgreSQL's own.
 *
 * <p>Threads: any worker thread; each call borrows a pooled connection.
 */
public final class PostgresReadStore implements ReadStore {
    private final PostgresDatabase database;

    public PostgresReadStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<RequestRecord> request(String orgId, String requestId) {
        return PostgresWork.run(database, "read request", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + StoreRows.REQUEST_COLUMNS + " FROM requests WHERE request_id = ? AND org_id = ?")) {
                ps.setString(1, requestId);
                ps.setString(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(StoreRows.request(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> keptBody(String orgId, String requestId) {
        return PostgresWork.run(database, "read a kept body", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM kept_bodies WHERE request_id = ? AND org_id = ?")) {
                ps.setString(1, requestId);
                ps.setString(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public Page<RequestRecord> logs(LogQuery q) {
        SqlWhere where = new SqlWhere().and("org_id = ?", q.orgId());
        if (q.eventName() != null) {
            where.and("event_name = ?", q.eventName());
        }
        if (q.status() != null) {
            where.and("status = ?", q.status().name());
        }
        if (q.test() != null) {
            where.and("test = ?", q.test());
        }
        where.range("received_at", q.from(), q.to()).before("received_at", q.after());
        String sql = "SELECT " + StoreRows.REQUEST_COLUMNS + " FROM requests" + where.sql()
                + " ORDER BY received_at DESC, request_id DESC LIMIT ?";
        return PostgresWork.run(database, "list requests", c -> StoreRows.page(c, sql, where, q.limit(), StoreRows::request,
                r -> new Cursor(r.receivedAt(), r.requestId())));
    }

    @Override
    public Page<StoredEvent> events(EventQuery q) {
        return PostgresWork.run(database, "search events", c -> {
            SqlWhere where = new SqlWhere().and("org_id = ?", q.orgId());
            if (q.customer() != null) {
                String customerId = PostgresCustomers.idFor(c, q.orgId(), q.customer().type().name(), q.customer().value());
                if (customerId == null) {
                    return new Page<>(List.of(), null);
                }
                where.and("customer_id = ?", customerId);
            }
            if (q.requestId() != null) {
                where.and("request_id = ?", q.requestId());
            }
            if (q.eventName() != null) {
                where.and("event_name = ?", q.eventName());
            }
            if (q.duplicate() != null) {
                where.and("is_duplicate = ?", q.duplicate());
            }
            for (Map.Entry<String, String> a : q.attributes().entrySet()) {
                attribute(where, a.getKey(), a.getValue());
            }
            if (q.test() != null) {
                where.and("test = ?", q.test());
            }
            where.range("event_time", q.from(), q.to()).before("event_time", q.after());
            String sql = "SELECT " + StoreRows.EVENT_COLUMNS + " FROM events" + where.sql()
                    + " ORDER BY event_time DESC, request_id DESC LIMIT ?";
            return StoreRows.page(c, sql, where, q.limit(), StoreRows::event, e -> new Cursor(e.eventDateTime(), e.requestId()));
        });
    }

    @Override
    public Optional<Customer> customer(String orgId, Identifier identifier) {
        return PostgresWork.run(database, "read customer", c -> PostgresCustomers.find(c, orgId, identifier));
    }

    @Override
    public Customer registerCustomer(String orgId, List<Identifier> identifiers, long now) {
        return PostgresWork.inTransaction(database, "register customer", c -> PostgresCustomers.register(c, orgId, identifiers, now));
    }

    @Override
    public Page<Customer> customers(String orgId, int limit, Cursor after) {
        return PostgresWork.run(database, "list customers", c -> CustomerRows.page(c, orgId, limit, after));
    }

    /**
     * The identifier row is locked first (FOR UPDATE), so a concurrent registration or a pipeline worker
     * claiming the same identifier waits for the erasure and then finds it free. A worker that already read
     * the identifier's customer before the erasure began may still store that one event under the erased id
     * (docs/customers.md says so).
     */
    @Override
    public Optional<Erasure> eraseCustomer(String orgId, Identifier identifier) {
        return PostgresWork.inTransaction(database, "erase a customer", c -> {
            String id;
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM customer_identifiers"
                    + " WHERE org_id = ? AND type = ? AND value = ? FOR UPDATE")) {
                ps.setString(1, orgId);
                ps.setString(2, identifier.type().name());
                ps.setString(3, identifier.value());
                try (ResultSet rs = ps.executeQuery()) {
                    id = rs.next() ? rs.getString(1) : null;
                }
            }
            return id == null ? Optional.<Erasure>empty() : Optional.of(CustomerErasure.erase(c, orgId, id));
        });
    }

    /** Chunks are their own transactions; SKIP LOCKED lets several nodes purge at once without waiting. */
    @Override
    public int purgeEventsBefore(long cutoff) {
        List<String> orgs = PostgresWork.run(database, "list orgs for the event retention", EventRetention::orgs);
        int total = 0;
        for (String org : orgs) {
            int deleted;
            do {
                deleted = PostgresWork.inTransaction(database, "purge events past the retention",
                        c -> EventRetention.purgeChunk(c, org, cutoff, " FOR UPDATE SKIP LOCKED"));
                total += deleted;
            } while (deleted == EventRetention.CHUNK);
        }
        return total;
    }

    /** The pool belongs to the composition root, which closes it. */
    @Override
    public void close() {
    }

    /**
     * The same match as the embedded store's: a string attribute equals the filter as text, anything
     * else in its JSON text form ({@code 20.0}, {@code true}); numbers also match numerically, so
     * {@code 20} finds the DOUBLE {@code 20.0}. The TEXT column is read as jsonb only for the rows the
     * org (and other filters') index range already chose.
     */
    private static void attribute(SqlWhere where, String name, String value) {
        Double number = numberOrNull(value);
        where.and("((CASE jsonb_typeof(attributes::jsonb -> ?) WHEN 'string' THEN attributes::jsonb ->> ?"
                        + " ELSE (attributes::jsonb -> ?)::text END) = ?"
                        + " OR (jsonb_typeof(attributes::jsonb -> ?) = 'number' AND (attributes::jsonb ->> ?)::float8 = ?::float8))",
                name, name, name, value, name, name, number);
    }

    private static Double numberOrNull(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
