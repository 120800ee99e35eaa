package dev.tidings.store;

import dev.tidings.registry.IdentifierType;
import dev.tidings.store.EventQuery.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of an org's customers, newest first by creation and then id, for both read stores. The
 * index {@code customers_by_time (org_id, created_at, id)} serves the range; the identifiers of the
 * page's customers come in one more query over {@code customer_identifiers_by_customer}.
 */
public final class CustomerRows {
    private CustomerRows() {}

    public static Page<Customer> page(Connection c, String orgId, int limit, Cursor after) throws SQLException {
        SqlWhere where = new SqlWhere().and("org_id = ?", orgId);
        if (after != null) {
            // The keyset condition of SqlWhere.before, over this table's id column.
            where.and("created_at <= ?", after.at()).and("(created_at < ? OR id < ?)", after.at(), after.requestId());
        }
        String sql = "SELECT id, org_id, created_at FROM customers" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT ?";
        Page<Customer> bare = StoreRows.page(c, sql, where, limit,
                rs -> new Customer(rs.getString(1), rs.getString(2), List.of(), rs.getLong(3)),
                customer -> new Cursor(customer.createdAt(), customer.id()));
        if (bare.items().isEmpty()) {
            return bare;
        }
        Map<String, List<Identifier>> identifiers = identifiers(c, orgId, bare.items());
        List<Customer> items = bare.items().stream()
                .map(k -> new Customer(k.id(), k.orgId(), identifiers.getOrDefault(k.id(), List.of()), k.createdAt()))
                .toList();
        return new Page<>(items, bare.next());
    }

    /** Each customer's identifiers, ordered by type then value as the single-customer read orders them. */
    private static Map<String, List<Identifier>> identifiers(Connection c, String orgId, List<Customer> customers)
            throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(customers.size(), "?"));
        Map<String, List<Identifier>> byCustomer = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, type, value FROM customer_identifiers"
                + " WHERE org_id = ? AND customer_id IN (" + marks + ")")) {
            ps.setString(1, orgId);
            for (int i = 0; i < customers.size(); i++) {
                ps.setString(i + 2, customers.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byCustomer.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Identifier(IdentifierType.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        Comparator<Identifier> order = Comparator.comparing((Identifier i) -> i.type().name()).thenComparing(Identifier::value);
        byCustomer.values().forEach(list -> list.sort(order));
        return byCustomer;
    }
}
