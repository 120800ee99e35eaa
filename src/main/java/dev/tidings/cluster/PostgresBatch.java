package dev.tidings.cluster;

import dev.tidings.cluster.PostgresChanges.Pending;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.RegistryStore.Kind;
import dev.tidings.registry.Secrets;
import dev.tidings.store.FailedRequests;
import dev.tidings.store.NewEvent;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.StoreJson;
import dev.tidings.store.StoreRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline batch: one transaction on one pooled connection, given back at commit or rollback.
 * Events, requests, customers and unique keys are written as they come, so a permanent failure names
 * the entry that caused it; outbox rows and registry changes wait until {@link #commit}, where they
 * are numbered last (see {@link PostgresChanges}), so the counters' locks are held only for that tail.
 *
 * <p>Threads: the pipeline's writing thread only.
 */
final class PostgresBatch implements PipelineStore.Batch {
    private static final String INSERT_EVENT = "INSERT INTO events (request_id, org_id, event_name, customer_id,"
            + " identifier_type, identifier_value, event_time, received_at, attributes, is_duplicate, test, unique_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
    private static final String INSERT_REQUEST = "INSERT INTO requests (request_id, org_id, webhook_id, event_name,"
            + " status, reason, test, received_at, states, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (request_id) DO NOTHING";

    private Connection connection; // null once committed or rolled back
    private final List<NewEvent> outbox = new ArrayList<>();
    private final List<Pending> changes = new ArrayList<>();

    PostgresBatch(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String findCustomer(String orgId, IdentifierType type, String value) {
        try {
            return PostgresCustomers.idFor(open(), orgId, type.name(), value);
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("pipeline store cannot find customer", e);
        }
    }

    /**
     * An admin registering the same identifier at the same moment may win its primary key: then the
     * identifier insert does nothing, the customer row just written goes again, and the customer
     * that holds the identifier is the one this event belongs to.
     */
    @Override
    public String createCustomer(String orgId, IdentifierType type, String value, long now) {
        String id = Secrets.newHexId();
        try {
            Connection c = open();
            PostgresCustomers.insertCustomer(c, id, orgId, now);
            if (PostgresCustomers.claimIdentifier(c, orgId, type.name(), value, id)) {
                return id;
            }
            PostgresCustomers.deleteCustomer(c, id);
            return PostgresCustomers.idFor(c, orgId, type.name(), value);
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("pipeline store cannot create customer", e);
        }
    }

    /**
     * The primary key of {@code unique_keys} decides: a concurrent claimer's insert waits for this
     * transaction and then does nothing, and reading the holder afterwards sees the committed winner.
     */
    @Override
    public String claimUniqueKey(String orgId, String uniqueKey, String requestId) {
        try {
            Connection c = open();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO unique_keys (org_id, unique_key, request_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, orgId);
                ps.setString(2, uniqueKey);
                ps.setString(3, requestId);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT request_id FROM unique_keys WHERE org_id = ? AND unique_key = ?")) {
                ps.setString(1, orgId);
                ps.setString(2, uniqueKey);
                try (ResultSet rs = ps.executeQuery()) {
                    String holder = rs.next() ? rs.getString(1) : null;
                    // A replay of the request that holds the key is not its own duplicate.
                    return requestId.equals(holder) ? null : holder;
                }
            }
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("pipeline store cannot claim unique key", e);
        }
    }

    @Override
    public void insertEvent(NewEvent e) {
        try (PreparedStatement ps = open().prepareStatement(INSERT_EVENT)) {
            ps.setString(1, e.requestId());
            ps.setString(2, e.orgId());
            ps.setString(3, e.eventName());
            ps.setString(4, e.customer().id());
            ps.setString(5, e.customer().identifierType());
            ps.setString(6, e.customer().identifierValue());
            ps.setLong(7, e.eventDateTime());
            ps.setLong(8, e.receivedAt());
            ps.setString(9, e.attributesJson());
            ps.setBoolean(10, e.duplicate());
            ps.setBoolean(11, e.test());
            ps.setString(12, e.uniqueKey());
            // A replayed request id inserts nothing, and so queues nothing for the outbox.
            if (ps.executeUpdate() == 1) {
                outbox.add(e);
            }
        } catch (SQLException ex) {
            throw PostgresErrors.storeFailure("pipeline store cannot insert event", ex);
        }
    }

    @Override
    public boolean insertRequest(RequestRecord r) {
        try (PreparedStatement ps = open().prepareStatement(INSERT_REQUEST)) {
            ps.setString(1, r.requestId());
            ps.setString(2, r.orgId());
            ps.setString(3, r.webhookId());
            ps.setString(4, r.eventName());
            ps.setString(5, r.status().name());
            ps.setString(6, r.reason());
            ps.setBoolean(7, r.test());
            ps.setLong(8, r.receivedAt());
            ps.setString(9, StoreJson.states(r.states()));
            ps.setString(10, r.errors().isEmpty() ? null : StoreJson.errors(r.errors()));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw PostgresErrors.storeFailure("pipeline store cannot insert request", ex);
        }
    }

    @Override
    public Optional<RequestRecord> failedRequest(String orgId, String requestId) {
        try {
            return FailedRequests.find(open(), orgId, requestId);
        } catch (SQLException ex) {
            throw PostgresErrors.storeFailure("pipeline store cannot read a failed request", ex);
        }
    }

    @Override
    public void replaceFailedRequest(RequestRecord r) {
        try {
            FailedRequests.replace(open(), r);
        } catch (SQLException ex) {
            throw PostgresErrors.storeFailure("pipeline store cannot record a re-run request", ex);
        }
    }

    @Override
    public void keepBody(String orgId, String requestId, long receivedAt, byte[] body) {
        try {
            StoreRows.keepBody(open(), orgId, requestId, receivedAt, body);
        } catch (SQLException ex) {
            throw PostgresErrors.storeFailure("pipeline store cannot keep a request body", ex);
        }
    }

    @Override
    public boolean insertDefinitionVersion(EventDefinition definition) {
        try {
            boolean inserted = PostgresRegistryStore.insertDefinitionVersion(open(), definition);
            if (inserted) {
                changes.add(new Pending(Kind.DEFINITION, definition.id()));
            }
            return inserted;
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("pipeline store cannot store event " + definition.name(), e);
        }
    }

    /**
     * Positions first, then the numbered tail: outbox, then registry changes, always in this order, so
     * two batches never wait for each other's counter in opposite orders.
     */
    @Override
    public void commit(String logId, Map<Integer, Long> nextPositions) {
        Connection c = open();
        try {
            PostgresPositions.advance(c, logId, nextPositions);
            PostgresOutbox.append(c, outbox);
            PostgresChanges.registry(c, changes);
            c.commit();
        } catch (SQLException e) {
            PostgresWork.rollbackQuietly(c);
            throw PostgresErrors.storeFailure("pipeline store cannot commit", e);
        } finally {
            release();
        }
    }

    @Override
    public void rollback() {
        if (connection != null) {
            PostgresWork.rollbackQuietly(connection);
            release();
        }
    }

    private Connection open() {
        if (connection == null) {
            throw new IllegalStateException("the batch has been committed or rolled back");
        }
        return connection;
    }

    private void release() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Giving a connection back to the pool; a broken one is discarded by the pool.
        } finally {
            connection = null;
            outbox.clear();
            changes.clear();
        }
    }
}
