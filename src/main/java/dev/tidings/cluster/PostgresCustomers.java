package dev.tidings.cluster;

import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Secrets;
import dev.tidings.store.Customer;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.IdentifierTakenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Customer profiles in the cluster's store: lookup by identifier, creation by the pipeline and
 * registration by hand. Many writers run at once, so nothing checks first and inserts after: the
 * primary key of {@code customer_identifiers} decides who holds an identifier, and a writer that finds
 * it taken waits for the holder's transaction and then does nothing.
 */
final class PostgresCustomers {
    private PostgresCustomers() {}

    static String idFor(Connection c, String orgId, String type, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT customer_id FROM customer_identifiers WHERE org_id = ? AND type = ? AND value = ?")) {
            ps.setString(1, orgId);
            ps.setString(2, type);
            ps.setString(3, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void insertCustomer(Connection c, String id, String orgId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, org_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, orgId);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    static void deleteCustomer(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** True when the identifier now belongs to {@code customerId}; false when another customer holds it. */
    static boolean claimIdentifier(Connection c, String orgId, String type, String value, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer_identifiers (org_id, type, value, customer_id)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, orgId);
            ps.setString(2, type);
            ps.setString(3, value);
            ps.setString(4, customerId);
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<Customer> find(Connection c, String orgId, Identifier identifier) throws SQLException {
        String id = idFor(c, orgId, identifier.type().name(), identifier.value());
        if (id == null) {
            return Optional.empty();
        }
        long createdAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM customers WHERE id = ? AND org_id = ?")) {
            ps.setString(1, id);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                createdAt = rs.getLong(1);
            }
        }
        List<Identifier> identifiers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT type, value FROM customer_identifiers"
                + " WHERE customer_id = ? AND org_id = ? ORDER BY type COLLATE \"C\", value COLLATE \"C\"")) {
            ps.setString(1, id);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identifiers.add(new Identifier(IdentifierType.valueOf(rs.getString(1)), rs.getString(2)));
                }
            }
        }
        return Optional.of(new Customer(id, orgId, identifiers, createdAt));
    }

    /**
     * Registers a customer holding every identifier, in the caller's transaction; the caller rolls it
     * back when this throws {@link IdentifierTakenException}, so a half-registered customer never commits.
     */
    static Customer register(Connection c, String orgId, List<Identifier> identifiers, long now) throws SQLException {
        String id = Secrets.newHexId();
        insertCustomer(c, id, orgId, now);
        for (Identifier identifier : identifiers) {
            if (!claimIdentifier(c, orgId, identifier.type().name(), identifier.value(), id)) {
                throw new IdentifierTakenException(identifier);
            }
        }
        return new Customer(id, orgId, List.copyOf(identifiers), now);
    }
}
