package dev.tidings.embedded;

import dev.tidings.log.EventLog;
import dev.tidings.log.LogEntry;
import dev.tidings.log.LogUnavailableException;
import dev.tidings.log.LoggedEvent;
import dev.tidings.embedded.SqliteDatabase;
import dev.tidings.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded event log: a SQLite file in WAL mode with {@code synchronous=FULL}, written only by the
 * {@link GroupCommitWriter} thread and read by the pipeline through a second connection.
 */
public final class SqliteEventLog implements EventLog {
    private static final String READ = "SELECT position, request_id, org_id, webhook_id, event_name, definition_id,"
            + " definition_version, received_at, test, kind, error_code, errors, body"
            + " FROM event_log WHERE position > ? ORDER BY position LIMIT ?";

    /**
     * How long a commit waits for a write lock held by someone else (a backup, an operator's sqlite3
     * shell) before the batch fails and the intake answers 503. Only the writer thread writes this file,
     * so any lock is foreign; every waiting request holds a queue slot and a client connection, so a
     * second — enough to ride out a checkpoint or a short backup step — beats the 10 s store default.
     */
    static final int WRITER_BUSY_TIMEOUT_MILLIS = 1000;

    private final SqliteDatabase database;
    private final GroupCommitWriter writer;
    private final Connection reader;
    private final String id;

    public SqliteEventLog(SqliteDatabase database, int queueCapacity, MeterRegistry meters) {
        this.database = database;
        this.writer = new GroupCommitWriter(database.file(),
                () -> database.connect(WRITER_BUSY_TIMEOUT_MILLIS), queueCapacity, meters);
        this.reader = database.connect();
        this.id = readId(reader);
        writer.start();
    }

    @Override
    public String id() {
        return id;
    }

    private static String readId(Connection reader) {
        try (PreparedStatement ps = reader.prepareStatement("SELECT id FROM log_identity");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("the event log has no identity row", null);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log identity: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> append(LogEntry entry) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.submit(entry, done)) {
            done.completeExceptionally(new LogUnavailableException("event log queue is full", null));
        }
        return done;
    }

    @Override
    public boolean offer(LogEntry entry) {
        return writer.submit(entry, null);
    }

    @Override
    public synchronized List<LoggedEvent> readAfter(long afterPosition, int max) {
        List<LoggedEvent> events = new ArrayList<>(Math.min(max, 1024));
        try (PreparedStatement ps = reader.prepareStatement(READ)) {
            ps.setLong(1, afterPosition);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new LoggedEvent(rs.getLong(1), new LogEntry(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getInt(7), rs.getLong(8), rs.getInt(9) == 1, LogEntry.Kind.values()[rs.getInt(10)],
                            rs.getInt(11), rs.getString(12), rs.getBytes(13))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log: " + e.getMessage(), e);
        }
        return events;
    }

    @Override
    public long commits() {
        return writer.commits();
    }

    @Override
    public void awaitCommitAfter(long seen, long timeoutMillis) throws InterruptedException {
        writer.awaitCommitAfter(seen, timeoutMillis);
    }

    @Override
    public synchronized long headPosition() {
        try (PreparedStatement ps = reader.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM event_log");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log: " + e.getMessage(), e);
        }
    }

    @Override
    public void releaseBefore(long position) {
        writer.requestRelease(position);
    }

    @Override
    public boolean healthy() {
        return writer.healthy();
    }

    @Override
    public void close() {
        writer.close();
        synchronized (this) {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // Closing at shutdown; the committed data is already safe.
            }
        }
    }

    @Override
    public String toString() {
        return "SqliteEventLog[" + database.file() + "]";
    }
}
