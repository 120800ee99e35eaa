package dev.tidings.cluster;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * Retention of rejected requests in the cluster's store: deletes those received longer than
 * {@code retention} ago, as the embedded purger does. Processed, duplicate and failed requests are kept
 * until deleted by hand. Chunks of {@value #CHUNK}, each its own short transaction, so no purge holds
 * row locks or bloats one transaction while workers write; the partial index {@code requests_rejected}
 * finds the victims. Several nodes purging at once only share the work: a row another purge deleted is
 * simply not deleted twice.
 *
 * <p>Threads: {@link #purge} blocks; the composition root runs it periodically on a worker thread.
 */
public final class PostgresRejectedRequestPurger {
    static final int CHUNK = 5000;

    private final PostgresDatabase database;
    private final Duration retention;
    private final Clock clock;

    public PostgresRejectedRequestPurger(PostgresDatabase database, Duration retention, Clock clock) {
        this.database = database;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes every rejected request older than the retention and returns how many went. */
    public int purge() {
        long cutoff = clock.millis() - retention.toMillis();
        return PostgresWork.run(database, "purge rejected requests", c -> {
            // SKIP LOCKED: a chunk another node is deleting right now is left to it instead of waited for.
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM requests WHERE request_id IN"
                    + " (SELECT request_id FROM requests WHERE status = 'REJECTED' AND received_at < ? LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED)")) {
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
            }
        });
    }
}
