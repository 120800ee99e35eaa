package dev.tidings.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a database's WAL back into the main file from a thread of its own. By default SQLite does this
 * inside whichever commit crosses 1000 WAL pages, so the log writer (and with it every waiting 1100)
 * or a pipeline batch would pay for it; every Tidings connection turns that off, and this runs a
 * PASSIVE checkpoint — one that never waits for readers or blocks the writer — every quarter second.
 *
 * <p>It also says when commits made with {@code synchronous=NORMAL} are on disk: before a round it
 * fsyncs the WAL if anyone asked ({@link #whenSynced}), and then runs what they asked for. The pipeline
 * commits that way, and the event log keeps what a batch consumed until its commit is synced.
 *
 * <p>Threads: one daemon thread per database, owning its own connection and the WAL's file channel.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);
    private static final long PERIOD_MILLIS = 250;

    /** How the WAL reaches the disk; a seam so a test can hold or fail a sync. */
    interface Flush {
        void flush(FileChannel wal) throws IOException;
    }

    private final ScheduledExecutorService thread;
    private final Supplier<Connection> connect;
    private final Path walFile;
    private final Flush flush;
    private final Queue<Runnable> afterSync = new ConcurrentLinkedQueue<>();
    private Connection connection;
    private FileChannel wal;
    private boolean warned;

    SqliteCheckpointer(Path databaseFile, Supplier<Connection> connect, Flush flush) {
        this.connect = connect;
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.flush = flush;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidings-checkpoint-" + databaseFile.getFileName());
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkpoint, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on this thread once an fsync of the WAL that started after this call returned. */
    void whenSynced(Runnable action) {
        afterSync.add(action);
    }

    private void checkpoint() {
        syncForWaiters();
        try {
            if (connection == null) {
                connection = connect.get();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            warned = false;
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                LOG.warn("WAL checkpoint failed (will retry): {}", e.getMessage());
                warned = true;
            }
            closeConnection();
        }
    }

    private void syncForWaiters() {
        List<Runnable> due = new ArrayList<>();
        for (Runnable r; (r = afterSync.poll()) != null; ) {
            due.add(r);
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            if (wal == null) {
                // Open while the database's connections keep the WAL, so it stays the same file.
                wal = FileChannel.open(walFile, StandardOpenOption.WRITE);
            }
            flush.flush(wal);
        } catch (IOException | RuntimeException e) {
            LOG.warn("WAL sync of {} failed (will retry): {}", walFile, e.getMessage());
            closeWal();
            afterSync.addAll(due);
            return;
        }
        due.forEach(Runnable::run);
    }

    private void closeWal() {
        if (wal != null) {
            try {
                wal.close();
            } catch (IOException ignored) {
                // Dropping a channel that failed or at shutdown; a new one is opened when needed.
            }
            wal = null;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Dropping a connection that already failed.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
        closeWal();
    }
}
