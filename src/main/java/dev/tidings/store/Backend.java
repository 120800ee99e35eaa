package dev.tidings.store;

import dev.tidings.destinations.DestinationStore;
import dev.tidings.log.EventAppender;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.log.PendingRequests;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryStore;

/**
 * Everything one deployment keeps its state in: the registry store, the event log's two sides and
 * the store's repositories. The composition root picks one implementation by configuration (SQLite
 * files, or PostgreSQL with Kafka) and nothing above it knows which.
 */
public interface Backend extends AutoCloseable {

    RegistryStore registryStore();

    /** Called once the registry is loaded: some logs need it to open (an older embedded log is converted). */
    void open(Registry registry);

    EventAppender appender();

    LogHeads heads();

    /** A consumer of the log for this node's pipeline; called once, on nodes that run one. */
    LogConsumer consumer();

    PipelineStore pipelineStore();

    ReadStore readStore();

    Outbox outbox();

    /** Idempotency keys and Segment messageIds (DESIGN §8), shared by every intake node of the deployment. */
    IntakeKeys intakeKeys();
    /** Destinations, deliveries and attempts (DESIGN §9); available once {@link #open} ran. */
    DestinationStore destinationStore();
    /** Loyalty's rules, ledger and balances, in the same database as the outbox it consumes. */
    LoyaltyStore loyaltyStore();
    /** Requests the intake answered that the pipeline has not stored yet (read-your-writes, DESIGN §3). */
    PendingRequests pendingRequests();

    /**
     * Calls {@code catchUp} whenever another node may have changed the registry (a notification from
     * the shared store); the embedded store has no other writers and never calls it.
     */
    void onRegistryChange(Runnable catchUp);

    /** Periodic housekeeping (retention of rejected requests); blocking, run on a worker thread. */
    void housekeeping();

    /** Whether the backend can take work now: its log commits and its databases answer. */
    boolean healthy();

    /** Where the state lives, for the start line ("SQLite in ./data", "PostgreSQL … and Kafka …"). */
    String describe();

    @Override
    void close();
}
