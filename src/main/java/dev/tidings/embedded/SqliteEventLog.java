package dev.tidings.embedded;

import dev.tidings.log.ConsumedRecord;
import dev.tidings.log.EventAppender;
import dev.tidings.log.LogCodec;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import dev.tidings.log.LogRecord;
import dev.tidings.log.LogUnavailableException;
import dev.tidings.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The embedded event log: a SQLite file in WAL mode with {@code synchronous=FULL}, written only by the
 * {@link GroupCommitWriter} thread and read by the pipeline through a second connection. One
 * partition, 0, whose positions are row numbers.
 *
 * <p>Records are encoded on the caller's thread (the intake's event loops, one per core), so the
 * single writer thread only binds bytes and commits.
 */
public final class SqliteEventLog implements EventAppender, LogConsumer, LogHeads {
    private static final String READ = "SELECT position, payload FROM log_records WHERE position >= ? ORDER BY position LIMIT ?";

    /**
     * How long a commit waits for a write lock held by someone else (a backup, an operator's sqlite3
     * shell) before the batch fails and the intake answers 503. Only the writer thread writes this file,
     * so any lock is foreign; every waiting request holds a queue slot and a client connection, so a
     * second — enough to ride out a checkpoint or a short backup step — beats the 10 s store default.
     */
    static final int WRITER_BUSY_TIMEOUT_MILLIS = 1000;

    private final SqliteDatabase database;
    private final GroupCommitWriter writer;
    private final Consumer<Runnable> whenStoreSynced;
    /** Written by the pipeline's threads, read by request lookups ({@link SqlitePendingRequests}). */
    private volatile long storedBefore;
    private final Connection reader;
    private final String id;
    // Owned by the consuming thread.
    private long next;

    public SqliteEventLog(SqliteDatabase database, int queueCapacity, MeterRegistry meters) {
        this(database, queueCapacity, meters, Runnable::run);
    }

    /**
     * With {@code whenStoreSynced}, which runs an action once the store's commits so far are on disk:
     * what a batch consumed is dropped only then, so a store that lost its last commits to a power cut
     * finds them in the log again.
     */
    public SqliteEventLog(SqliteDatabase database, int queueCapacity, MeterRegistry meters,
            Consumer<Runnable> whenStoreSynced) {
        this.whenStoreSynced = whenStoreSynced;
        this.database = database;
        this.writer = new GroupCommitWriter(database.file(),
                () -> database.connect(WRITER_BUSY_TIMEOUT_MILLIS), queueCapacity, meters);
        this.reader = database.connect();
        this.id = readId(reader);
        writer.start();
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

    // --- appending (event loops) ---

    @Override
    public CompletableFuture<Void> append(LogRecord record) {
        return submit(List.of(LogCodec.encode(record)));
    }

    @Override
    public CompletableFuture<Void> appendAll(List<? extends LogRecord> records) {
        List<byte[]> payloads = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            payloads.add(LogCodec.encode(r));
        }
        return submit(payloads);
    }

    private CompletableFuture<Void> submit(List<byte[]> payloads) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.submit(payloads, done)) {
            done.completeExceptionally(new LogUnavailableException("event log queue is full", null));
        }
        return done;
    }

    @Override
    public boolean offer(LogRecord record) {
        return writer.submit(List.of(LogCodec.encode(record)), null);
    }

    @Override
    public boolean healthy() {
        return writer.healthy();
    }

    // --- consuming (the pipeline's reader thread) ---

    @Override
    public String logId() {
        return id;
    }

    @Override
    public void start(StartPositions start) {
        next = start.of(id, List.of(0)).getOrDefault(0, 0L);
        storedBefore = Math.max(storedBefore, next);
    }

    /**
     * Entries below this position are processed (in the store, for every reader) even while their rows
     * are still in the file: rows are dropped once the store's commit is synced, at most once a second,
     * and the newest is always kept.
     */
    long storedBefore() {
        return storedBefore;
    }

    @Override
    public List<ConsumedRecord> poll(int max, long waitMillis) throws InterruptedException {
        long seenCommits = writer.commits();
        List<ConsumedRecord> records = read(max);
        if (records.isEmpty() && waitMillis > 0) {
            writer.awaitCommitAfter(seenCommits, waitMillis);
            records = read(max);
        }
        if (!records.isEmpty()) {
            next = records.get(records.size() - 1).next();
        }
        return records;
    }

    private synchronized List<ConsumedRecord> read(int max) {
        List<ConsumedRecord> records = new ArrayList<>(Math.min(max, 1024));
        try (PreparedStatement ps = reader.prepareStatement(READ)) {
            ps.setLong(1, next);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(ConsumedRecord.decode(0, rs.getLong(1), rs.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log: " + e.getMessage(), e);
        }
        return records;
    }

    /** Drops what the store processed once that is on disk, keeping the newest row so row numbers never restart. */
    @Override
    public void committed(Map<Integer, Long> nextPositions) {
        Long after = nextPositions.get(0);
        if (after != null) {
            storedBefore = Math.max(storedBefore, after);
            whenStoreSynced.accept(() -> writer.requestRelease(after - 1));
        }
    }

    /** Row numbers start at 1. */
    @Override
    public long firstPosition() {
        return 1;
    }

    @Override
    public synchronized Map<Integer, Long> endPositions() {
        try (PreparedStatement ps = reader.prepareStatement("SELECT COALESCE(MAX(position), 0) + 1 FROM log_records");
                ResultSet rs = ps.executeQuery()) {
            return Map.of(0, rs.next() ? rs.getLong(1) : 1L);
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log: " + e.getMessage(), e);
        }
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
