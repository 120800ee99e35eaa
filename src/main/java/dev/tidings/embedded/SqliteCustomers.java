package dev.tidings.embedded;

import dev.tidings.store.Customer;
import dev.tidings.store.IdentifierTakenException;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Secrets;
import dev.tidings.store.EventQuery.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Customer profiles in the embedded store: lookup by identifier and registration by hand. The
 * pipeline registers customers concurrently; both sides rely on the primary key of
 * {@code customer_identifiers}, so an identifier can never end up with two customers.
 */
final class SqliteCustomers {
    private SqliteCustomers() {}

    static String idFor(Connection c, String orgId, Identifier identifier) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT customer_id FROM customer_identifiers WHERE org_id = ? AND type = ? AND value = ?")) {
            ps.setString(1, orgId);
            ps.setString(2, identifier.type().name());
            ps.setString(3, identifier.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static Optional<Customer> find(Connection c, String orgId, Identifier identifier) throws SQLException {
        String id = idFor(c, orgId, identifier);
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
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, value FROM customer_identifiers WHERE customer_id = ? AND org_id = ? ORDER BY type, value")) {
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
     * BEGIN IMMEDIATE takes the write lock before the checks, so no other writer can claim an identifier
     * between the check and the insert; the pipeline waits on the busy timeout for this short transaction.
     */
    static Customer register(Connection c, String orgId, List<Identifier> identifiers, long now) throws SQLException {
        return SqliteWriteTransaction.run(c, () -> {
            for (Identifier identifier : identifiers) {
                if (idFor(c, orgId, identifier) != null) {
                    throw new IdentifierTakenException(identifier);
                }
            }
            String id = Secrets.newHexId();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, org_id, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, orgId);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customer_identifiers (org_id, type, value, customer_id) VALUES (?, ?, ?, ?)")) {
                for (Identifier identifier : identifiers) {
                    ps.setString(1, orgId);
                    ps.setString(2, identifier.type().name());
                    ps.setString(3, identifier.value());
                    ps.setString(4, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Customer(id, orgId, List.copyOf(identifiers), now);
        });
    }
}
