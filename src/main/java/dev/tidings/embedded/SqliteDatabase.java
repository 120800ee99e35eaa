package dev.tidings.embedded;

import dev.tidings.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens connections to one SQLite file with the settings every Tidings database uses: WAL so readers
 * never wait for the writer, {@code synchronous=FULL} so a commit is on disk when it returns, and a
 * busy timeout so the occasional second writer waits instead of failing, taking turns with the pipeline
 * ({@link WriteWaiters}).
 */
public final class SqliteDatabase implements AutoCloseable {
    static final int JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
    /** How long a writer waits for another's write lock before the operation fails (retryable). */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private final Path file;
    private final SQLiteDataSource dataSource;
    private final SqliteCheckpointer checkpointer;
    private final WriteWaiters waiters = new WriteWaiters();

    private SqliteDatabase(Path file, SQLiteDataSource dataSource, boolean backgroundCheckpoints) {
        this.file = file;
        this.dataSource = dataSource;
        this.checkpointer = backgroundCheckpoints ? new SqliteCheckpointer(file, this::connect, wal -> wal.force(false)) : null;
    }

    /** Opens (creating if needed) the file and applies the Flyway migrations under {@code classpath:db/<name>}. */
    public static SqliteDatabase open(Path file, String migrations) {
        return open(file, migrations, false);
    }

    /**
     * With {@code backgroundCheckpoints}, WAL checkpoints run on a thread of their own instead of inside
     * the commit that crosses 1000 WAL pages: for a database whose writer must not stall on them.
     */
    public static SqliteDatabase open(Path file, String migrations, boolean backgroundCheckpoints) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // 8 MiB of page cache per connection (default 2 MiB): the indexes the pipeline appends to stay hot.
        config.setCacheSize(-8 * 1024);
        config.enforceForeignKeys(true);
        // The driver would otherwise run and prepare "SELECT last_insert_rowid()" after every insert
        // for getGeneratedKeys, which nothing here uses: a fifth of the pipeline's time.
        config.setGetGeneratedKeys(false);
        if (backgroundCheckpoints) {
            config.setWalAutocheckpoint(0);
        }
        // A WAL that a checkpoint reset is cut back to this size instead of keeping its peak size on disk.
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/" + migrations)
                .load()
                .migrate();
        return new SqliteDatabase(file, ds, backgroundCheckpoints);
    }

    /**
     * Stops the checkpoint thread and truncates the WAL, so a clean shutdown leaves no WAL for the next
     * start to read; connections handed out are closed by their owners (before this, at shutdown).
     */
    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (!Files.exists(file)) {
            // Deleted under us (an operator's mistake): opening a connection would silently recreate it.
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not truncate the WAL of {} at shutdown; the next start replays it: {}", file, e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /**
     * A new connection that waits at most {@code busyTimeoutMillis} for another connection's write lock
     * instead of the default 10 s; for callers that must answer quickly rather than wait.
     */
    public Connection connect(int busyTimeoutMillis) {
        return open(busyTimeoutMillis, true);
    }

    /** A new connection; the caller owns it and must close it. Unchecked so it fits a Supplier. */
    public Connection connect() {
        return open(BUSY_TIMEOUT_MILLIS, true);
    }

    /**
     * The connection of the writer that commits back to back (the pipeline): its waits do not make it
     * step aside for itself. It calls {@link #stepAsideForWaitingWriters} before each transaction.
     *
     * <p>With background checkpoints it commits with {@code synchronous=NORMAL}: a commit is on disk only
     * once the WAL is next synced, which {@link #whenSynced} tells. Everything it writes can be made
     * again from the event log, which keeps it until then.
     */
    Connection connectBackToBackWriter() {
        Connection connection = open(BUSY_TIMEOUT_MILLIS, false);
        if (checkpointer != null) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA synchronous=NORMAL");
            } catch (SQLException e) {
                throw new StoreException("cannot configure " + file + ": " + e.getMessage(), e);
            }
        }
        return connection;
    }

    /**
     * Runs {@code action} once the commits made so far, including those of
     * {@link #connectBackToBackWriter}, are on disk: at once without background checkpoints (every
     * connection commits with {@code synchronous=FULL} then), else after the next WAL sync.
     */
    void whenSynced(Runnable action) {
        if (checkpointer == null) {
            action.run();
        } else {
            checkpointer.whenSynced(action);
        }
    }

    /** Pauses a moment when another writer has been waiting for the lock (see {@link WriteWaiters}). */
    void stepAsideForWaitingWriters() {
        waiters.stepAsideForWaiters();
    }

    private Connection open(int busyTimeoutMillis, boolean announcesWaits) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            waiters.install(connection, busyTimeoutMillis, announcesWaits);
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one worth reporting.
            }
            throw new StoreException("cannot configure " + file + ": " + e.getMessage(), e);
        }
    }
}
