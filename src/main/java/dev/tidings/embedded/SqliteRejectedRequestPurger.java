package dev.tidings.embedded;

import dev.tidings.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Retention of rejected requests: deletes those received longer than {@code retention} ago. Processed,
 * duplicate and failed requests are kept until deleted by hand. The work goes in chunks, one short
 * transaction each, so the pipeline (the store's main writer) never waits long for the write lock; the
 * partial index {@code requests_rejected} finds the victims without touching any other request.
 *
 * <p>Threads: {@link #purge} blocks; the composition root runs it periodically on a worker thread.
 */
public final class SqliteRejectedRequestPurger {
    static final int CHUNK = 5000;

    private final SqliteDatabase database;
    private final Duration retention;
    private final Clock clock;

    public SqliteRejectedRequestPurger(SqliteDatabase database, Duration retention, Clock clock) {
        this.database = database;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes every rejected request older than the retention and returns how many went. */
    public int purge() {
        long cutoff = clock.millis() - retention.toMillis();
        try (Connection c = database.connect();
                PreparedStatement delete = c.prepareStatement("DELETE FROM requests WHERE request_id IN"
                        + " (SELECT request_id FROM requests WHERE status = 'REJECTED' AND received_at < ? LIMIT ?)")) {
            int total = 0;
            int deleted;
            do {
                delete.setLong(1, cutoff);
                delete.setInt(2, CHUNK);
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == CHUNK);
            try (PreparedStatement bodies = c.prepareStatement("DELETE FROM kept_bodies WHERE received_at < ?")) {
                bodies.setLong(1, cutoff);
                bodies.executeUpdate();
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("cannot purge rejected requests: " + e.getMessage(), e);
        }
    }
}
