package dev.tidings.cluster;

import dev.tidings.destinations.DestinationStore;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.registry.RegistryStore;
import dev.tidings.store.Outbox;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.ReadStore;
import dev.tidings.store.TestStores;
import java.util.concurrent.atomic.AtomicInteger;

/** The cluster's store on a new database of the run's PostgreSQL server, one per test. */
public final class PostgresTestStores implements TestStores {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final PostgresDatabase database;
    private final PostgresRegistryStore registry;
    private final PostgresPipelineStore pipeline;
    private final PostgresReadStore reads;
    private final PostgresOutbox outbox;
    private final PostgresDestinationStore destinations;

    /** {@code prefix}: letters, digits and '_'; the database is named after it and a run-wide counter. */
    public PostgresTestStores(String prefix) {
        PostgresUrl url = PostgresServer.get().createDatabase(prefix + "_" + DATABASES.incrementAndGet());
        this.database = PostgresDatabase.openAndMigrate(url, new PoolSettings("test-" + prefix, 4, PoolSettings.DEFAULT_CONNECTION_TIMEOUT));
        this.registry = new PostgresRegistryStore(database);
        this.pipeline = new PostgresPipelineStore(database);
        this.reads = new PostgresReadStore(database);
        this.outbox = new PostgresOutbox(database);
        this.destinations = new PostgresDestinationStore(database);
    }

    public PostgresDatabase database() {
        return database;
    }

    @Override
    public RegistryStore registry() {
        return registry;
    }

    @Override
    public PostgresPipelineStore pipeline() {
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
    public PostgresDestinationStore destinations() {
        return destinations;
    }

    @Override
    public LoyaltyStore loyalty() {
        return new PostgresLoyaltyStore(database);
    }

    @Override
    public void close() {
        pipeline.close();
        reads.close();
        database.close();
    }
}
