package dev.tidings.store;

import dev.tidings.destinations.DestinationStore;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.registry.RegistryStore;

/**
 * One deployment's store, fresh and empty, for the contract suites: each implementation's test opens
 * it on a real database (a temp SQLite file, a new PostgreSQL database) and closes it after the test.
 */
public interface TestStores extends AutoCloseable {

    RegistryStore registry();

    PipelineStore pipeline();

    ReadStore reads();

    Outbox outbox();

    DestinationStore destinations();
    LoyaltyStore loyalty();

    @Override
    void close();
}
