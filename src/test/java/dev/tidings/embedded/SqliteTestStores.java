package dev.tidings.embedded;

import dev.tidings.destinations.DestinationStore;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.registry.RegistryStore;
import dev.tidings.store.Outbox;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.ReadStore;
import dev.tidings.store.TestStores;
import java.nio.file.Path;

/** The embedded store on a new SQLite file in {@code dir}, wired as {@link EmbeddedBackend} wires it. */
final class SqliteTestStores implements TestStores {
    private final SqliteDatabase database;
    private final SqliteRegistryStore registry;
    private final SqlitePipelineStore pipeline;
    private final SqliteReadStore reads;
    private final SqliteOutbox outbox;
    private final SqliteDestinationStore destinations;
    private final SqliteLoyaltyStore loyalty;

    SqliteTestStores(Path dir) {
        this(dir, SqliteCustomerEvents.FOLD_AT);
    }

    /** {@code customerIndexBulk}: pending customer-index rows that make a bulk (1: every batch folds its own). */
    SqliteTestStores(Path dir, int customerIndexBulk) {
        this.database = SqliteDatabase.open(dir.resolve("tidings.db"), "store", false);
        this.registry = new SqliteRegistryStore(database);
        this.pipeline = new SqlitePipelineStore(database, registry, SqliteWalBound.DEFAULT_LIMIT_BYTES, customerIndexBulk);
        this.reads = new SqliteReadStore(database);
        this.outbox = new SqliteOutbox(database);
        this.destinations = new SqliteDestinationStore(database);
        this.loyalty = new SqliteLoyaltyStore(database);
    }

    @Override
    public RegistryStore registry() {
        return registry;
    }

    @Override
    public PipelineStore pipeline() {
        return pipeline;
    }

    @Override
    public ReadStore reads() {
        return reads;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public DestinationStore destinations() {
        return destinations;
    }

    @Override
    public LoyaltyStore loyalty() {
        return loyalty;
    }

    SqliteDatabase database() {
        return database;
    }

    @Override
    public void close() {
        destinations.close();
        loyalty.close();
        pipeline.close();
        reads.close();
        outbox.close();
        database.close();
    }
}
