package dev.tidings.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a database's WAL file bounded under a writer that never pauses. The background PASSIVE
 * checkpoint ({@link SqliteCheckpointer}) copies pages back but can never reset the WAL while the
 * pipeline writes batch after batch, so the file only grows (4 GB in 70 s under load, measured). The
 * writer calls {@link #afterCommit} between two of its transactions: past {@code limitBytes} it runs a
 * TRUNCATE checkpoint, which copies everything back and truncates the file to zero while no write of
 * its own is in flight. Readers of older snapshots delay it (busy timeout) but are short.
 *
 * <p>Owned by the writer's thread, with its own autocommit connection (a checkpoint cannot run inside
 * the writer's open transaction).
 */
final class SqliteWalBound implements AutoCloseable {
    /** Past this the next pause between batches truncates the WAL: a few seconds of batches at full speed. */
    static final long DEFAULT_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWalBound.class);
    private static final int TRUNCATE_WAIT_MILLIS = 200;

    private final Path wal;
    private final long limitBytes;
    private final SqliteDatabase database;
    private Connection connection;
    private long truncations;

    SqliteWalBound(SqliteDatabase database, long limitBytes) {
        this.database = database;
        this.wal = walOf(database.file());
        this.limitBytes = limitBytes;
    }

    static Path walOf(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    }

    /** Call between transactions of the writer; cheap (one stat) while the WAL is under the limit. */
    void afterCommit() {
        long size;
        try {
            size = Files.size(wal);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.debug("Cannot read the size of {}: {}", wal, e.getMessage());
            return;
        }
        if (size <= limitBytes) {
            return;
        }
        try {
            if (connection == null) {
                // TRUNCATE holds the write lock while it waits for readers: a short wait, or every other
                // writer waits with it; a deferred truncation is tried again after the next batch.
                connection = database.connect(TRUNCATE_WAIT_MILLIS);
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) != 0) {
                    // A reader held an old snapshot past the busy timeout; the next pause tries again.
                    LOG.debug("WAL truncation of {} deferred: a reader is still on an old snapshot", wal);
                } else {
                    truncations++;
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Truncating the WAL {} ({} bytes) failed; next batch tries again: {}", wal, size, e.getMessage());
            close();
        }
    }

    long truncations() {
        return truncations;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Dropping a connection that failed or is no longer needed.
            }
            connection = null;
        }
    }
}
