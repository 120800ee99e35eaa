package dev.tidings.embedded;

import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's writes to the embedded store. One connection and its prepared statements, owned by
 * the pipeline's writing thread; each batch is one transaction that ends by moving the log position.
 * {@link #positions} has a connection of its own, for the log's consuming thread.
 */
public final class SqlitePipelineStore implements PipelineStore {
    private final Connection connection;
    private final Connection positionReader;
    private final SqliteRegistryStore registry;
    private final PreparedStatement findCustomer;
    private final PreparedStatement insertCustomer;
    private final PreparedStatement insertIdentifier;
    private final PreparedStatement claimKey;
    private final PreparedStatement keyHolder;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertOutbox;
    private final PreparedStatement insertRequest;
    private final PreparedStatement hasRequest;
    private final PreparedStatement updatePosition;
    private final PreparedStatement claimWriteLock;
    private final SqliteWalBound walBound;
    private final SqliteCustomerEvents customerEvents;
    private final SqliteDatabase database;

    public SqlitePipelineStore(SqliteDatabase database, SqliteRegistryStore registry) {
        this(database, registry, SqliteWalBound.DEFAULT_LIMIT_BYTES, SqliteCustomerEvents.FOLD_AT);
    }

    /**
     * {@code walLimitBytes}: the WAL size past which the pause after a batch truncates it;
     * {@code customerIndexBulk}: the pending customer-index rows that make a bulk ({@link SqliteCustomerEvents}).
     */
    SqlitePipelineStore(SqliteDatabase database, SqliteRegistryStore registry, long walLimitBytes, int customerIndexBulk) {
        this.walBound = new SqliteWalBound(database, walLimitBytes);
        this.database = database;
        this.connection = database.connectBackToBackWriter();
        this.positionReader = database.connect();
        this.registry = registry;
        try {
            connection.setAutoCommit(false);
            findCustomer = connection.prepareStatement(
                    "SELECT customer_id FROM customer_identifiers WHERE org_id = ? AND type = ? AND value = ?");
            insertCustomer = connection.prepareStatement("INSERT INTO customers (id, org_id, created_at) VALUES (?, ?, ?)");
            insertIdentifier = connection.prepareStatement(
                    "INSERT INTO customer_identifiers (org_id, type, value, customer_id) VALUES (?, ?, ?, ?)");
            claimKey = connection.prepareStatement(
                    "INSERT INTO unique_keys (org_id, unique_key, request_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
            keyHolder = connection.prepareStatement("SELECT request_id FROM unique_keys WHERE org_id = ? AND unique_key = ?");
            insertEvent = connection.prepareStatement("INSERT INTO events (request_id, org_id, event_name, customer_id,"
                    + " identifier_type, identifier_value, event_time, received_at, attributes, is_duplicate, test, unique_key,"
                    + " webhook_id, states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING");
            insertOutbox = connection.prepareStatement("INSERT INTO outbox (org_id, request_id, event_name, customer_id,"
                    + " is_duplicate, test, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            // The first record stays, and a processed request's record is its events row (V9).
            insertRequest = connection.prepareStatement("INSERT INTO requests (request_id, org_id, webhook_id, event_name,"
                    + " status, reason, test, received_at, states, errors) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                    + " WHERE NOT EXISTS (SELECT 1 FROM events WHERE request_id = ?1 AND states IS NOT NULL)"
                    + " ON CONFLICT (request_id) DO NOTHING");
            hasRequest = connection.prepareStatement("SELECT 1 FROM requests WHERE request_id = ?");
            updatePosition = connection.prepareStatement("INSERT INTO log_positions (log_id, partition, next) VALUES (?, ?, ?)"
                    + " ON CONFLICT (log_id, partition) DO UPDATE SET next = max(next, excluded.next)");
            // Any write takes the lock; this one changes nothing.
            claimWriteLock = connection.prepareStatement("DELETE FROM log_positions WHERE 0");
            customerEvents = new SqliteCustomerEvents(connection, customerIndexBulk);
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot prepare the pipeline store", e);
        }
    }

    @Override
    public synchronized Map<Integer, Long> positions(String logId, Collection<Integer> partitions) {
        Map<Integer, Long> next = new HashMap<>();
        try (PreparedStatement ps = positionReader.prepareStatement(
                "SELECT partition, next FROM log_positions WHERE log_id = ?")) {
            ps.setString(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    next.put(rs.getInt(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the pipeline position", e);
        }
        Map<Integer, Long> asked = new HashMap<>();
        for (int p : partitions) {
            asked.put(p, next.getOrDefault(p, 0L));
        }
        return asked;
    }

    /**
     * Starts the batch with a write so it holds the write lock from its first statement. A batch that
     * began with a read would take a WAL snapshot, and if any other connection (admin, customer
     * registration, purge) committed before the batch's first insert, SQLite refuses the upgrade with
     * SQLITE_BUSY_SNAPSHOT, which no busy timeout can wait out.
     */
    @Override
    public Batch begin() {
        database.stepAsideForWaitingWriters();
        try {
            claimWriteLock.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.translate("pipeline store cannot begin a batch", e);
        }
        return new SqliteBatch();
    }

    @Override
    public void close() {
        walBound.close();
        try {
            connection.rollback();
            connection.close();
            synchronized (this) {
                positionReader.close();
            }
        } catch (SQLException ignored) {
            // Shutting down; whatever was committed is safe and the rest replays from the log.
        }
    }

    private final class SqliteBatch implements Batch {

        @Override
        public String findCustomer(String orgId, IdentifierType type, String value) {
            try {
                findCustomer.setString(1, orgId);
                findCustomer.setString(2, type.name());
                findCustomer.setString(3, value);
                try (ResultSet rs = findCustomer.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                throw SqliteErrors.translate("pipeline store cannot find customer", e);
            }
        }

        @Override
        public String createCustomer(String orgId, IdentifierType type, String value, long now) {
            String id = Secrets.newHexId();
            try {
                insertCustomer.setString(1, id);
                insertCustomer.setString(2, orgId);
                insertCustomer.setLong(3, now);
                insertCustomer.executeUpdate();
                insertIdentifier.setString(1, orgId);
                insertIdentifier.setString(2, type.name());
                insertIdentifier.setString(3, value);
                insertIdentifier.setString(4, id);
                insertIdentifier.executeUpdate();
                return id;
            } catch (SQLException e) {
                throw SqliteErrors.translate("pipeline store cannot create customer", e);
            }
        }

        @Override
        public String claimUniqueKey(String orgId, String uniqueKey, String requestId) {
            try {
                claimKey.setString(1, orgId);
                claimKey.setString(2, uniqueKey);
                claimKey.setString(3, requestId);
                if (claimKey.executeUpdate() == 1) {
                    return null;
                }
                keyHolder.setString(1, orgId);
                keyHolder.setString(2, uniqueKey);
                try (ResultSet rs = keyHolder.executeQuery()) {
                    String holder = rs.next() ? rs.getString(1) : null;
                    // A replay of the request that holds the key is not its own duplicate.
                    return requestId.equals(holder) ? null : holder;
                }
            } catch (SQLException e) {
                throw SqliteErrors.translate("pipeline store cannot claim unique key", e);
            }
        }

        @Override
        public void insertEvent(NewEvent e) {
            insertEventRow(e, null, null);
        }

        /**
         * One row per processed event (V9): the request's record goes in the events row, unless the
         * request has a requests row already (a FAILED request re-run: that row keeps its history and
         * takes the outcome through {@link #replaceFailedRequest}).
         */
        @Override
        public boolean insertProcessed(NewEvent e, RequestRecord r) {
            boolean recorded;
            try {
                hasRequest.setString(1, r.requestId());
                try (ResultSet rs = hasRequest.executeQuery()) {
                    recorded = rs.next();
                }
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot look up a request", ex);
            }
            insertEventRow(e, recorded ? null : r.webhookId(), recorded ? null : StoreJson.states(r.states()));
            return !recorded;
        }

        private void insertEventRow(NewEvent e, String webhookId, String states) {
            try {
                insertEvent.setString(1, e.requestId());
                insertEvent.setString(2, e.orgId());
                insertEvent.setString(3, e.eventName());
                insertEvent.setString(4, e.customer().id());
                insertEvent.setString(5, e.customer().identifierType());
                insertEvent.setString(6, e.customer().identifierValue());
                insertEvent.setLong(7, e.eventDateTime());
                insertEvent.setLong(8, e.receivedAt());
                insertEvent.setString(9, e.attributesJson());
                insertEvent.setInt(10, e.duplicate() ? 1 : 0);
                insertEvent.setInt(11, e.test() ? 1 : 0);
                insertEvent.setString(12, e.uniqueKey());
                insertEvent.setString(13, webhookId);
                insertEvent.setString(14, states);
                if (insertEvent.executeUpdate() == 0) {
                    return;
                }
                insertOutbox.setString(1, e.orgId());
                insertOutbox.setString(2, e.requestId());
                insertOutbox.setString(3, e.eventName());
                insertOutbox.setString(4, e.customer().id());
                insertOutbox.setInt(5, e.duplicate() ? 1 : 0);
                insertOutbox.setInt(6, e.test() ? 1 : 0);
                insertOutbox.setLong(7, e.receivedAt());
                insertOutbox.executeUpdate();
                customerEvents.add(e);
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot insert event", ex);
            }
        }

        @Override
        public boolean insertRequest(RequestRecord r) {
            try {
                insertRequest.setString(1, r.requestId());
                insertRequest.setString(2, r.orgId());
                insertRequest.setString(3, r.webhookId());
                insertRequest.setString(4, r.eventName());
                insertRequest.setString(5, r.status().name());
                insertRequest.setString(6, r.reason());
                insertRequest.setInt(7, r.test() ? 1 : 0);
                insertRequest.setLong(8, r.receivedAt());
                insertRequest.setString(9, StoreJson.states(r.states()));
                insertRequest.setString(10, r.errors().isEmpty() ? null : StoreJson.errors(r.errors()));
                return insertRequest.executeUpdate() == 1;
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot insert request", ex);
            }
        }

        @Override
        public Optional<RequestRecord> failedRequest(String orgId, String requestId) {
            try {
                return FailedRequests.find(connection, orgId, requestId);
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot read a failed request", ex);
            }
        }

        @Override
        public void replaceFailedRequest(RequestRecord r) {
            try {
                FailedRequests.replace(connection, r);
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot record a re-run request", ex);
            }
        }

        @Override
        public void keepBody(String orgId, String requestId, long receivedAt, byte[] body) {
            try {
                StoreRows.keepBody(connection, orgId, requestId, receivedAt, body);
            } catch (SQLException ex) {
                throw SqliteErrors.translate("pipeline store cannot keep a request body", ex);
            }
        }

        @Override
        public boolean insertDefinitionVersion(EventDefinition definition) {
            return registry.insertDefinitionVersion(connection, definition);
        }

        @Override
        public void commit(String logId, Map<Integer, Long> nextPositions) {
            try {
                customerEvents.foldIfDue();
                for (Map.Entry<Integer, Long> p : nextPositions.entrySet()) {
                    updatePosition.setString(1, logId);
                    updatePosition.setInt(2, p.getKey());
                    updatePosition.setLong(3, p.getValue());
                    updatePosition.executeUpdate();
                }
                connection.commit();
                customerEvents.committed();
            } catch (SQLException e) {
                throw SqliteErrors.translate("pipeline store cannot commit", e);
            }
            walBound.afterCommit();
        }

        @Override
        public void rollback() {
            try {
                connection.rollback();
                customerEvents.rolledBack();
            } catch (SQLException e) {
                throw SqliteErrors.translate("pipeline store cannot roll back", e);
            }
        }
    }

}
