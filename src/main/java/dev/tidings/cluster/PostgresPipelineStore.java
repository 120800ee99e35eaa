package dev.tidings.cluster;

import dev.tidings.store.PipelineStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The pipeline's writes to the cluster's PostgreSQL store. Several workers (threads or nodes) commit
 * batches at the same moment; what keeps them apart is in the database, not in this process: primary
 * keys decide de-duplication, customers and replays, and the outbox is numbered at commit time (see
 * {@link PostgresChanges}) so its seqs are visible in commit order.
 *
 * <p>Threads: {@link #begin} and its batch on the pipeline's writing thread; each batch borrows a pooled
 * connection for its one transaction, so a restarted server costs only the batch in flight.
 * {@link #positions} from any thread, on a connection of its own.
 */
public final class PostgresPipelineStore implements PipelineStore {
    private final PostgresDatabase database;

    public PostgresPipelineStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Map<Integer, Long> positions(String logId, Collection<Integer> partitions) {
        Map<Integer, Long> stored = PostgresWork.run(database, "read the pipeline positions", c -> {
            Map<Integer, Long> next = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT partition, next FROM log_positions WHERE log_id = ?")) {
                ps.setString(1, logId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        next.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return next;
        });
        Map<Integer, Long> asked = new HashMap<>();
        for (int p : partitions) {
            asked.put(p, stored.getOrDefault(p, 0L));
        }
        return asked;
    }

    @Override
    public Batch begin() {
        Connection c = null;
        try {
            c = database.connection();
            c.setAutoCommit(false);
            return new PostgresBatch(c);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Already failing to begin; that failure is the one to report.
                }
            }
            throw PostgresErrors.storeFailure("pipeline store cannot begin a batch", e);
        }
    }

    /** The pool belongs to the composition root, which closes it; batches close their own connections. */
    @Override
    public void close() {
    }
}
