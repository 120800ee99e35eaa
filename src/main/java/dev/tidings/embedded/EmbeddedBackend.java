package dev.tidings.embedded;

import dev.tidings.destinations.DestinationStore;
import dev.tidings.log.EventAppender;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.log.PendingRequests;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryStore;
import dev.tidings.store.Backend;
import dev.tidings.store.IntakeKeys;
import dev.tidings.store.Outbox;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.ReadStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded deployment: {@code tidings.db} (registry, store, outbox) and {@code log.db} (the event
 * log) in one locked data directory, no servers.
 */
public final class EmbeddedBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);

    private final Path dataDir;
    private final int logQueueCapacity;
    private final MeterRegistry meters;
    private final DataDirLock lock;
    private final SqliteDatabase storeDb;
    private final SqliteDatabase logDb;
    private final SqliteDatabase keysDb;
    private final SqliteRegistryStore registryStore;
    private final SqliteRejectedRequestPurger purger;
    private SqliteEventLog log;
    private SqliteReadStore reads;
    private SqliteOutbox outbox;
    private SqliteIntakeKeys intakeKeys;
    private SqliteDestinationStore destinations;
    private SqlitePipelineStore pipelineStore;
    private SqliteLoyaltyStore loyaltyStore;
    private SqlitePendingRequests pending;
    /** Null: stored events are kept (no --event-retention). */
    private final Duration eventRetention;
    private final Clock clock;

    /** @throws DataDirInUseException when another process has the directory */
    public EmbeddedBackend(Path dataDir, int logQueueCapacity, Duration rejectedRetention, MeterRegistry meters,
            Clock clock) {
        this(dataDir, logQueueCapacity, rejectedRetention, null, meters, clock);
    }

    /** With the event retention ({@code null} keeps stored events); see {@link #housekeeping}. */
    public EmbeddedBackend(Path dataDir, int logQueueCapacity, Duration rejectedRetention, Duration eventRetention,
            MeterRegistry meters, Clock clock) {
        this.eventRetention = eventRetention;
        this.clock = clock;
        this.dataDir = dataDir;
        this.logQueueCapacity = logQueueCapacity;
        this.meters = meters;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        this.lock = DataDirLock.acquire(dataDir);
        this.storeDb = SqliteDatabase.open(dataDir.resolve("tidings.db"), "store", true);
        this.logDb = SqliteDatabase.open(dataDir.resolve("log.db"), "log");
        // Intake keys apart from the store: a claim must not wait behind a pipeline transaction.
        this.keysDb = SqliteDatabase.open(dataDir.resolve("intake-keys.db"), "keys");
        this.registryStore = new SqliteRegistryStore(storeDb);
        this.purger = new SqliteRejectedRequestPurger(storeDb, rejectedRetention, clock);
    }

    @Override
    public RegistryStore registryStore() {
        return registryStore;
    }

    @Override
    public void open(Registry registry) {
        LegacySqliteLog.upgrade(logDb, registry);
        log = new SqliteEventLog(logDb, logQueueCapacity, meters, storeDb::whenSynced);
        reads = new SqliteReadStore(storeDb);
        outbox = new SqliteOutbox(storeDb);
        intakeKeys = new SqliteIntakeKeys(keysDb);
        destinations = new SqliteDestinationStore(storeDb);
        pending = new SqlitePendingRequests(logDb, log::storedBefore);
    }

    @Override
    public PendingRequests pendingRequests() {
        return pending;
    }

    @Override
    public EventAppender appender() {
        return log;
    }

    @Override
    public LogHeads heads() {
        return log;
    }

    @Override
    public LogConsumer consumer() {
        return log;
    }

    @Override
    public synchronized PipelineStore pipelineStore() {
        if (pipelineStore == null) {
            pipelineStore = new SqlitePipelineStore(storeDb, registryStore);
        }
        return pipelineStore;
    }

    @Override
    public ReadStore readStore() {
        return reads;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public IntakeKeys intakeKeys() {
        return intakeKeys;
    }

    @Override
    public DestinationStore destinationStore() {
        return destinations;
    }

    @Override
    public synchronized LoyaltyStore loyaltyStore() {
        if (loyaltyStore == null) {
            loyaltyStore = new SqliteLoyaltyStore(storeDb);
        }
        return loyaltyStore;
    }

    @Override
    public void onRegistryChange(Runnable catchUp) {
        // One process owns the data directory: every registry write is made, and caught up, here.
    }

    @Override
    public void housekeeping() {
        purger.purge();
        if (eventRetention != null && reads != null) {
            reads.purgeEventsBefore(clock.millis() - eventRetention.toMillis());
        }
    }

    @Override
    public boolean healthy() {
        return log != null && log.healthy();
    }

    @Override
    public String describe() {
        return "SQLite in " + dataDir;
    }

    /** The log drains its writer before the databases close; the lock goes last. */
    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        if (log != null) {
            parts.add(log);
        }
        if (reads != null) {
            parts.add(reads);
        }
        if (outbox != null) {
            parts.add(outbox);
        }
        if (intakeKeys != null) {
            parts.add(intakeKeys);
        }
        if (destinations != null) {
            parts.add(destinations);
        }
        if (loyaltyStore != null) {
            parts.add(loyaltyStore);
        }
        if (pending != null) {
            parts.add(pending);
        }
        parts.add(storeDb);
        parts.add(logDb);
        parts.add(keysDb);
        parts.add(lock);
        for (AutoCloseable c : parts) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c, e.getMessage());
            }
        }
    }
}
