package dev.tidings.embedded;

import dev.tidings.log.LogUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the SQLite log, after Kafka's RecordAccumulator + Sender: callers put entries in a
 * bounded queue and get a future; the one writer thread takes everything queued, inserts it in one
 * transaction, commits (one fsync for the whole batch) and only then completes the futures. While a
 * commit is in flight the next batch gathers, so batches grow with load without any linger time.
 *
 * <p>Threads: {@link #submit} is called from event-loop threads and never blocks; everything else,
 * including the JDBC connection, belongs to the thread "tidings-log-writer". A full queue is the
 * back-pressure: submit fails at once and the intake answers 503.
 */
final class GroupCommitWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 4096;
    private static final String INSERT = "INSERT INTO log_records (payload) VALUES (?)";

    /** Encoded records that commit together (one for a single post, many for a batch) and their future. */
    private record Pending(List<byte[]> payloads, CompletableFuture<Void> done) {}

    private final BlockingQueue<Pending> queue;
    private final Path databaseFile;
    private final Supplier<Connection> connect;
    private final AtomicLong releaseBefore = new AtomicLong();
    private final DistributionSummary batchSizes;
    private final Counter commitFailures;
    private final Timer commitTimes;
    private final Thread thread;
    private final Object committed = new Object();
    private volatile long commits;
    private volatile boolean closing;
    private volatile boolean healthy = true;

    // Owned by the writer thread.
    private Connection connection;
    private PreparedStatement insert;
    private long releasedBefore;
    private long lastReleaseNanos;

    GroupCommitWriter(Path databaseFile, Supplier<Connection> connect, int capacity, MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.databaseFile = databaseFile;
        this.connect = connect;
        this.batchSizes = DistributionSummary.builder("tidings_log_batch_size")
                .description("Events committed per log transaction (group commit)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.commitFailures = Counter.builder("tidings_log_commit_failures")
                .description("Group commits of the event log that failed (their events were answered 503)").register(meters);
        // The commit is where the fsync happens: its time is what every 1100 of the batch waited for the disk.
        this.commitTimes = Timer.builder("tidings_log_commit")
                .description("Time of one log transaction's commit (its fsync), per group commit")
                .publishPercentiles(0.5, 0.99, 0.999).register(meters);
        io.micrometer.core.instrument.Gauge.builder("tidings_log_queue_depth", queue, BlockingQueue::size)
                .description("Events waiting for the event log's next commit").register(meters);
        this.thread = new Thread(this, "tidings-log-writer");
    }

    void start() {
        thread.start();
    }

    /** Queues records that must commit together; false when the queue is full or the writer is closing. */
    boolean submit(List<byte[]> payloads, CompletableFuture<Void> done) {
        return !closing && queue.offer(new Pending(payloads, done));
    }

    void requestRelease(long position) {
        releaseBefore.accumulateAndGet(position, Math::max);
    }

    long commits() {
        return commits;
    }

    void awaitCommitAfter(long seen, long timeoutMillis) throws InterruptedException {
        synchronized (committed) {
            if (commits <= seen) {
                committed.wait(timeoutMillis);
            }
        }
    }

    boolean healthy() {
        return healthy;
    }

    /** Stops taking entries, commits everything already queued, then closes the connection. */
    void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        break;
                    }
                    releaseConsumed();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                batch.clear();
                releaseConsumed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            // SQLite keeps writing to an unlinked file through the open handle; that data would be gone
            // after a restart, so a deleted database must refuse rather than acknowledge.
            requireFile();
            PreparedStatement ps = statement();
            int records = 0;
            for (Pending p : batch) {
                for (byte[] payload : p.payloads()) {
                    ps.setBytes(1, payload);
                    ps.addBatch();
                    records++;
                }
            }
            ps.executeBatch();
            long commitStart = System.nanoTime();
            connection.commit();
            commitTimes.record(System.nanoTime() - commitStart, TimeUnit.NANOSECONDS);
            healthy = true;
            batchSizes.record(records);
            synchronized (committed) {
                commits++;
                committed.notifyAll();
            }
            for (Pending p : batch) {
                if (p.done() != null) {
                    p.done().complete(null);
                }
            }
        } catch (SQLException | RuntimeException e) {
            fail(batch, e);
        }
    }

    private void fail(List<Pending> batch, Exception cause) {
        commitFailures.increment();
        if (healthy) {
            LOG.error("Event log commit failed; answering 503 until a commit succeeds: {}", cause.getMessage());
        }
        healthy = false;
        closeConnection();
        LogUnavailableException failure = new LogUnavailableException("event log cannot commit: " + cause.getMessage(), cause);
        for (Pending p : batch) {
            if (p.done() != null) {
                p.done().completeExceptionally(failure);
            }
        }
    }

    private void requireFile() throws SQLException {
        if (!Files.exists(databaseFile)) {
            throw new SQLException("log database " + databaseFile + " was deleted");
        }
    }

    private PreparedStatement statement() throws SQLException {
        if (connection == null) {
            // Opening a missing file would create an empty one without the schema and hide the deletion.
            requireFile();
            connection = connect.get();
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(INSERT);
        }
        return insert;
    }

    /** Deletes consumed entries at most once a second, keeping the newest so positions never restart. */
    private void releaseConsumed() {
        long target = releaseBefore.get();
        if (target <= releasedBefore || System.nanoTime() - lastReleaseNanos < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lastReleaseNanos = System.nanoTime();
        try {
            statement();
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM log_records WHERE position < ?")) {
                del.setLong(1, target);
                del.executeUpdate();
            }
            connection.commit();
            releasedBefore = target;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not drop consumed log entries (will retry): {}", e.getMessage());
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is being discarded; a failed rollback changes nothing.
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Same: nothing more can be done with a connection we are dropping.
            }
            connection = null;
            insert = null;
        }
    }
}
