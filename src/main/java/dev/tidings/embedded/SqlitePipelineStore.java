package dev.tidings.embedded;

import dev.tidings.store.StoreJson;
import dev.tidings.store.NewEvent;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.StoreException;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's writes to the embedded store. One connection and its prepared statements, owned by
 * the pipeline thread; each batch is one transaction that ends by moving the log position.
 */
public final class SqlitePipelineStore implements PipelineStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlitePipelineStore.class);

    private final Connection connection;
    private final PreparedStatement findCustomer;
    private final PreparedStatement insertCustomer;
    private final PreparedStatement insertIdentifier;
    private final PreparedStatement claimKey;
    private final PreparedStatement keyHolder;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertRequest;
    private final PreparedStatement updatePosition;
    private final PreparedStatement claimWriteLock;

    public SqlitePipelineStore(SqliteDatabase database) {
        this.connection = database.connect();
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
                    + " identifier_type, identifier_value, event_time, received_at, attributes, is_duplicate, test, unique_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertRequest = connection.prepareStatement("INSERT INTO requests (request_id, org_id, webhook_id, event_name,"
                    + " status, reason, test, received_at, states, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (request_id) DO NOTHING");
            updatePosition = connection.prepareStatement("UPDATE pipeline_position SET position = ? WHERE id = 1");
            claimWriteLock = connection.prepareStatement("UPDATE pipeline_position SET position = position WHERE id = 1");
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the pipeline store: " + e.getMessage(), e);
        }
    }

    @Override
    public long position(String logId) {
        try {
            long position;
            String positionLog;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT position, log_id FROM pipeline_position WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                position = rs.getLong(1);
                positionLog = rs.getString(2);
            }
            if (positionLog != null && !positionLog.equals(logId)) {
                LOG.warn("The event log was recreated (id {} → {}): reading it from its start, not after position {}",
                        positionLog, logId, position);
                position = 0;
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE pipeline_position SET position = ?, log_id = ? WHERE id = 1")) {
                ps.setLong(1, position);
                ps.setString(2, logId);
                ps.executeUpdate();
            }
            // Only after the statements are closed does the commit end the transaction; a snapshot
            // left open would make every later batch fail with SQLITE_BUSY_SNAPSHOT.
            connection.commit();
            return position;
        } catch (SQLException e) {
            throw new StoreException("cannot read the pipeline position: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the batch with a write so it holds the write lock from its first statement. A batch that
     * began with a read would take a WAL snapshot, and if any other connection (admin, customer
     * registration, purge) committed before the batch's first insert, SQLite refuses the upgrade with
     * SQLITE_BUSY_SNAPSHOT, which no busy timeout can wait out.
     */
    @Override
    public Batch begin() {
        try {
            claimWriteLock.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("pipeline store cannot begin a batch: " + e.getMessage(), e);
        }
        return new SqliteBatch();
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
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
                throw failure("find customer", e);
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
                throw failure("create customer", e);
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
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                throw failure("claim unique key", e);
            }
        }

        @Override
        public void insertEvent(NewEvent e) {
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
                insertEvent.executeUpdate();
            } catch (SQLException ex) {
                throw failure("insert event", ex);
            }
        }

        @Override
        public void insertRequest(RequestRecord r) {
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
                insertRequest.executeUpdate();
            } catch (SQLException ex) {
                throw failure("insert request", ex);
            }
        }

        @Override
        public void commit(long position) {
            try {
                updatePosition.setLong(1, position);
                updatePosition.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                throw failure("commit", e);
            }
        }

        @Override
        public void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw failure("rollback", e);
            }
        }

        private StoreException failure(String what, Exception e) {
            return new StoreException("pipeline store cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
