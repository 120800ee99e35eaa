package dev.tidings.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Erasing one customer (GDPR) and everything stored about them, in the caller's one transaction, for
 * both read stores: the SQL is plain and the same on SQLite and PostgreSQL. Every statement is served
 * by an existing index: the customer's events by {@code events_by_customer} (or as the store's
 * {@link EventsLayout} finds them), then each of their requests
 * by its primary key or {@code (org_id, request_id)}; loyalty rows by their customer indexes, or through
 * the org's rules (whose ids lead the award and milestone keys); deliveries through the org's destinations
 * ({@code deliveries_by_customer}). Unique keys go through the events' {@code unique_key} column, so they
 * are deleted before the events.
 *
 * <p>Not reached here: an event still in the event log (not processed yet) creates the customer again
 * when the pipeline stores it; the Kafka topic keeps raw events until its own retention; a rejected or
 * failed request with no customer keeps its kept body until the rejected-request retention (docs).
 */
public final class CustomerErasure {
    /** Requests per JDBC batch: bounded memory per round trip however many events the customer has. */
    static final int BATCH = 500;
    private static final String ORG_RULES = "SELECT id FROM loyalty_rules WHERE org_id = ?";
    private static final String ORG_DESTINATIONS = "SELECT id FROM destinations WHERE org_id = ?";

    /**
     * Where a store keeps what erasure looks for in {@code events}: {@code ofCustomer}, a condition that
     * binds {@code ?1} the org id and {@code ?2} the customer id; {@code recordInEvent}, an expression
     * that is true when the event's row also holds its request's record (counted as a request erased).
     */
    public record EventsLayout(String ofCustomer, String recordInEvent) {
        /** Events by {@code events_by_customer}; every request's record in {@code requests} (PostgreSQL). */
        public static final EventsLayout DEFAULT = new EventsLayout("org_id = ? AND customer_id = ?", "FALSE");
    }

    static final String DELETE_REQUEST = "DELETE FROM requests WHERE request_id = ? AND org_id = ?";
    static final String DELETE_KEPT_BODY = "DELETE FROM kept_bodies WHERE request_id = ? AND org_id = ?";
    static final String DELETE_OUTBOX_ENTRY = "DELETE FROM outbox WHERE request_id = ? AND org_id = ?";

    /** Per request: {@code ?1} request id, {@code ?2} org id. */
    private static final List<Step> PER_REQUEST = List.of(
            new Step("requests", DELETE_REQUEST),
            new Step("keptBodies", DELETE_KEPT_BODY),
            new Step("outboxEntries", DELETE_OUTBOX_ENTRY),
            new Step("loyaltyEvaluations", "DELETE FROM loyalty_evaluations WHERE request_id = ? AND org_id = ?"),
            new Step("milestoneEvents", "DELETE FROM loyalty_milestone_events WHERE request_id = ? AND milestone_id IN ("
                    + ORG_RULES + ")"));

    /** Per customer: {@code ?1} org id, {@code ?2} customer id; in this order (attempts before their deliveries). */
    private static final List<Step> PER_CUSTOMER = List.of(
            new Step("deliveryAttempts", "DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries"
                    + " WHERE destination_id IN (" + ORG_DESTINATIONS + ") AND customer_id = ?)"),
            new Step("deliveries", "DELETE FROM deliveries WHERE destination_id IN (" + ORG_DESTINATIONS + ") AND customer_id = ?"),
            new Step("ledgerEntries", "DELETE FROM loyalty_ledger WHERE org_id = ? AND customer_id = ?"),
            new Step("loyaltyLots", "DELETE FROM loyalty_lots WHERE org_id = ? AND customer_id = ?"),
            new Step("loyaltyAwards", "DELETE FROM loyalty_awards WHERE rule_id IN (" + ORG_RULES + ") AND customer_id = ?"),
            new Step("milestoneProgress", "DELETE FROM loyalty_milestone_progress WHERE milestone_id IN (" + ORG_RULES
                    + ") AND customer_id = ?"),
            new Step("events", null),
            new Step("identifiers", "DELETE FROM customer_identifiers WHERE org_id = ? AND customer_id = ?"),
            new Step("customer", "DELETE FROM customers WHERE org_id = ? AND id = ?"));

    private record Step(String name, String sql) {}

    /** A stored event's request id, the unique key it carries (null when none), and whether its row holds its record. */
    record EventKey(String requestId, String uniqueKey, boolean recordInEvent) {
        EventKey(String requestId, String uniqueKey) {
            this(requestId, uniqueKey, false);
        }
    }

    private CustomerErasure() {}

    /** Deletes every row of {@code customerId} within the caller's transaction and says how many of each went. */
    public static Erasure erase(Connection c, String orgId, String customerId) throws SQLException {
        return erase(c, orgId, customerId, EventsLayout.DEFAULT);
    }

    /** As {@link #erase(Connection, String, String)}, for a store whose events are laid out as {@code layout}. */
    public static Erasure erase(Connection c, String orgId, String customerId, EventsLayout layout) throws SQLException {
        List<EventKey> events = events(c, orgId, customerId, layout);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("events", 0);
        PER_REQUEST.forEach(s -> counts.put(s.name(), 0));
        counts.put("uniqueKeys", 0);
        for (int from = 0; from < events.size(); from += BATCH) {
            List<EventKey> chunk = events.subList(from, Math.min(events.size(), from + BATCH));
            for (Step step : PER_REQUEST) {
                counts.merge(step.name(), perRequest(c, step.sql(), orgId, chunk), Integer::sum);
            }
            counts.merge("uniqueKeys", uniqueKeys(c, orgId, chunk), Integer::sum);
        }
        counts.merge("requests", (int) events.stream().filter(EventKey::recordInEvent).count(), Integer::sum);
        for (Step step : PER_CUSTOMER) {
            String sql = step.sql() != null ? step.sql() : "DELETE FROM events WHERE " + layout.ofCustomer();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, orgId);
                ps.setString(2, customerId);
                counts.merge(step.name(), ps.executeUpdate(), Integer::sum);
            }
        }
        counts.remove("customer");
        return new Erasure(customerId, counts);
    }

    private static List<EventKey> events(Connection c, String orgId, String customerId, EventsLayout layout)
            throws SQLException {
        List<EventKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id, unique_key, " + layout.recordInEvent()
                + " FROM events WHERE " + layout.ofCustomer())) {
            ps.setString(1, orgId);
            ps.setString(2, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new EventKey(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return keys;
    }

    static int perRequest(Connection c, String sql, String orgId, List<EventKey> chunk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (EventKey e : chunk) {
                ps.setString(1, e.requestId());
                ps.setString(2, orgId);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /**
     * A unique key row is the event's only when that event claimed it: a duplicate carries the same key,
     * claimed by the first request, which may be another customer's.
     */
    static int uniqueKeys(Connection c, String orgId, List<EventKey> chunk) throws SQLException {
        int deleted = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM unique_keys WHERE org_id = ? AND unique_key = ? AND request_id = ?")) {
            boolean any = false;
            for (EventKey e : chunk) {
                if (e.uniqueKey() != null) {
                    ps.setString(1, orgId);
                    ps.setString(2, e.uniqueKey());
                    ps.setString(3, e.requestId());
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                deleted = sum(ps.executeBatch());
            }
        }
        return deleted;
    }

    static int sum(int[] counts) {
        int total = 0;
        for (int n : counts) {
            // SUCCESS_NO_INFO (-2) says a statement ran without a count; it is not a row.
            total += Math.max(n, 0);
        }
        return total;
    }
}
