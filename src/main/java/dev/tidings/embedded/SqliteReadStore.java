package dev.tidings.embedded;

import dev.tidings.store.Cursor;
import dev.tidings.store.Customer;
import dev.tidings.store.CustomerErasure;
import dev.tidings.store.CustomerRows;
import dev.tidings.store.Erasure;
import dev.tidings.store.EventRetention;
import dev.tidings.store.EventQuery;
import dev.tidings.store.LogQuery;
import dev.tidings.store.Page;
import dev.tidings.store.ReadStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.SqlWhere;
import dev.tidings.store.StoreRows;
import dev.tidings.store.StoredEvent;
import dev.tidings.store.EventQuery.Identifier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's reads from the embedded store. Every list orders by (time DESC, request_id DESC)
 * over an index whose leading columns are the org and, where filtered, the event name or status, so
 * SQLite walks the index backwards and stops after {@code limit + 1} rows: no sort, no OFFSET. The
 * extra row only tells whether a next page exists. A customer's events are found by the customer
 * index ({@link SqliteCustomerEvents}) and sorted: a customer has few events next to an org.
 *
 * <p>Threads: any worker thread; each call borrows its own connection.
 */
public final class SqliteReadStore implements ReadStore {
    private static final int MAX_IDLE_CONNECTIONS = 4;
    /** Events by the customer index (V10); a processed request's record is its events row (V9). */
    private static final CustomerErasure.EventsLayout EVENTS_LAYOUT =
            new CustomerErasure.EventsLayout(SqliteCustomerEvents.OF_CUSTOMER, SqliteRequestRecords.RECORD_IN_EVENT);

    private final ReadConnections connections;

    public SqliteReadStore(SqliteDatabase database) {
        this.connections = new ReadConnections(database, MAX_IDLE_CONNECTIONS);
    }

    @Override
    public Optional<RequestRecord> request(String orgId, String requestId) {
        return connections.with("read request", c -> SqliteRequestRecords.find(c, orgId, requestId));
    }

    @Override
    public Optional<byte[]> keptBody(String orgId, String requestId) {
        return connections.with("read a kept body", c -> {
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
        return connections.with("list requests", c -> SqliteRequestRecords.page(c, q));
    }

    @Override
    public Page<StoredEvent> events(EventQuery q) {
        return connections.with("search events", c -> {
            SqlWhere where = new SqlWhere();
            String from = " FROM events";
            if (q.customer() != null) {
                String customerId = SqliteCustomers.idFor(c, q.orgId(), q.customer());
                if (customerId == null) {
                    return new Page<>(List.of(), null);
                }
                // The customer's events by their index (V10), then each by its primary key; CROSS JOIN keeps that order.
                from = " FROM " + SqliteCustomerEvents.REQUEST_IDS + " CROSS JOIN events ON events.request_id = k.rid";
                where.params(q.orgId(), customerId, q.orgId(), customerId);
            }
            where.and("org_id = ?", q.orgId());
            if (q.requestId() != null) {
                where.and("request_id = ?", q.requestId());
            }
            if (q.eventName() != null) {
                where.and("event_name = ?", q.eventName());
            }
            if (q.duplicate() != null) {
                where.and("is_duplicate = ?", q.duplicate() ? 1 : 0);
            }
            if (q.test() != null) {
                where.and("test = ?", q.test() ? 1 : 0);
            }
            for (Map.Entry<String, String> a : q.attributes().entrySet()) {
                attribute(where, a.getKey(), a.getValue());
            }
            where.range("event_time", q.from(), q.to()).before("event_time", q.after());
            String sql = "SELECT " + StoreRows.EVENT_COLUMNS + from + where.sql()
                    + " ORDER BY event_time DESC, request_id DESC LIMIT ?";
            return StoreRows.page(c, sql, where, q.limit(), StoreRows::event, e -> new Cursor(e.eventDateTime(), e.requestId()));
        });
    }

    @Override
    public Optional<Customer> customer(String orgId, Identifier identifier) {
        return connections.with("read customer", c -> SqliteCustomers.find(c, orgId, identifier));
    }

    @Override
    public Customer registerCustomer(String orgId, List<Identifier> identifiers, long now) {
        return connections.with("register customer", c -> SqliteCustomers.register(c, orgId, identifiers, now));
    }

    @Override
    public Page<Customer> customers(String orgId, int limit, Cursor after) {
        return connections.with("list customers", c -> CustomerRows.page(c, orgId, limit, after));
    }

    @Override
    public Optional<Erasure> eraseCustomer(String orgId, Identifier identifier) {
        return connections.with("erase a customer", c -> SqliteWriteTransaction.run(c, () -> {
            String id = SqliteCustomers.idFor(c, orgId, identifier);
            if (id == null) {
                return Optional.<Erasure>empty();
            }
            Erasure erased = CustomerErasure.erase(c, orgId, id, EVENTS_LAYOUT);
            SqliteCustomerEvents.erase(c, orgId, id);
            return Optional.of(erased);
        }));
    }

    @Override
    public int purgeEventsBefore(long cutoff) {
        return connections.with("purge events past the retention", c -> {
            int total = 0;
            for (String org : EventRetention.orgs(c)) {
                int deleted;
                do {
                    deleted = SqliteWriteTransaction.run(c, () -> EventRetention.purgeChunk(c, org, cutoff, "",
                            List.of(SqliteCustomerEvents.FORGET_EVENT)));
                    total += deleted;
                } while (deleted == EventRetention.CHUNK);
            }
            return total;
        });
    }

    @Override
    public void close() {
        connections.close();
    }

    /**
     * An attribute matches when its stored value, in its JSON text form ({@code 20.0}, {@code true},
     * or a string without quotes), equals the filter; numbers also match numerically, so {@code 20}
     * finds the DOUBLE {@code 20.0}.
     */
    private static void attribute(SqlWhere where, String name, String value) {
        String path = "$." + name;
        Double number = numberOrNull(value);
        where.and("((CASE json_type(attributes, ?) WHEN 'text' THEN json_extract(attributes, ?) ELSE attributes -> ? END) = ?"
                        + " OR (json_type(attributes, ?) IN ('integer', 'real') AND json_extract(attributes, ?) = ?))",
                path, path, path, value, path, path, number);
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
