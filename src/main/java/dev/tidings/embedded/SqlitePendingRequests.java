package dev.tidings.embedded;

import dev.tidings.log.LogCodec;
import dev.tidings.log.LogRecord;
import dev.tidings.log.PendingRequests;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.LongSupplier;

/**
 * Finds a not-yet-processed request in the embedded log: among the rows at or after the position the
 * store has processed up to ({@code log_records} keeps processed rows for up to a second, and always
 * the newest), so the search covers the lag and nothing more. It is a scan (SQLite's
 * {@code instr} over the payload bytes, decoding only the rows that contain the id) rather than an index
 * or an in-memory map on purpose: either would cost every 1100 on the intake's path, while this costs
 * only the reader who asks, on a worker thread, in proportion to the lag.
 *
 * <p>Threads: any worker thread; each call borrows its own read connection to {@code log.db}.
 */
final class SqlitePendingRequests implements PendingRequests, AutoCloseable {
    private static final String FIND = "SELECT payload FROM log_records WHERE position >= ? AND instr(payload, ?) > 0";

    private final ReadConnections connections;
    private final LongSupplier storedBefore;

    SqlitePendingRequests(SqliteDatabase logDb, LongSupplier storedBefore) {
        this.connections = new ReadConnections(logDb, 2);
        this.storedBefore = storedBefore;
    }

    @Override
    public Lookup find(String orgId, String requestId) {
        return connections.with("find a pending request", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setLong(1, storedBefore.getAsLong());
                ps.setBytes(2, requestId.getBytes(StandardCharsets.UTF_8));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // The id may also appear inside another request's body: only the record's own id counts.
                        LogRecord r = LogCodec.decode(rs.getBytes(1));
                        if (r.requestId().equals(requestId) && r.orgId().equals(orgId)) {
                            return new Found(r);
                        }
                    }
                }
            }
            return new Unknown();
        });
    }

    @Override
    public void close() {
        connections.close();
    }
}
