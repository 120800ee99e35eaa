package dev.tidings.cluster;

import dev.tidings.config.Deployment;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster deployment: registry, store and outbox in PostgreSQL, the event log a Kafka topic.
 * Nodes hold no state of their own, so any number of them may run side by side.
 *
 * <p>Readiness is probed on a thread of its own once a second (PostgreSQL answers {@code SELECT 1},
 * the broker lists the topic's offsets), so {@link #healthy} is a field read on the event loop.
 */
public final class ClusterBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBackend.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Finding or creating the topic on start: the admin client's first metadata round trip. On a busy
     * machine (a node started while the others take load) it took more than {@link #ADMIN_TIMEOUT}
     * and the node exited, so a replacement worker could not join; a start may wait longer.
     */
    private static final Duration START_TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final PostgresDatabase db;
    private final PostgresRegistryStore registryStore;
    private final PostgresRejectedRequestPurger purger;
    private final Admin admin;
    private final KafkaLogHeads heads;
    private final MeterRegistry meters;
    private final String nodeId = "tidings-" + UUID.randomUUID().toString().substring(0, 8);
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tidings-readiness");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> opened = new ArrayList<>();
    private volatile boolean storeReachable = true;
    private volatile boolean brokerReachable = true;
    private KafkaAppender appender;
    private PostgresPipelineStore pipelineStore;
    private PostgresReadStore reads;
    private PostgresOutbox outbox;
    private PostgresIntakeKeys intakeKeys;
    private PostgresDestinationStore destinations;
    private PostgresLoyaltyStore loyaltyStore;

    /** Null: stored events are kept (no --event-retention). */
    private final Duration eventRetention;
    private final Clock clock;

    public ClusterBackend(Deployment deployment, Duration rejectedRetention, MeterRegistry meters, Clock clock) {
        this(deployment, rejectedRetention, null, meters, clock);
    }

    /** With the event retention ({@code null} keeps stored events); see {@link #housekeeping}. */
    public ClusterBackend(Deployment deployment, Duration rejectedRetention, Duration eventRetention, MeterRegistry meters,
            Clock clock) {
        this.eventRetention = eventRetention;
        this.clock = clock;
        this.meters = meters;
        this.kafka = new KafkaSettings(deployment.kafkaBootstrap(), deployment.kafkaTopic(), deployment.kafkaPartitions(),
                deployment.kafkaAckTimeout());
        this.db = PostgresDatabase.openAndMigrate(PostgresUrl.parse(deployment.postgresUrl()), PoolSettings.defaults("tidings"));
        this.registryStore = new PostgresRegistryStore(db);
        this.purger = new PostgresRejectedRequestPurger(db, rejectedRetention, clock);
        this.admin = kafka.newAdmin();
        try {
            KafkaTopics.ensureTopic(admin, kafka, START_TOPIC_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + kafka.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            admin.close();
            db.close();
            throw new IllegalStateException("cannot create or find topic " + kafka.topic() + " on " + kafka.bootstrap()
                    + ": " + e.getMessage(), e);
        }
        this.heads = new KafkaLogHeads(admin, kafka.topic(), ADMIN_TIMEOUT);
        probe.scheduleWithFixedDelay(this::probe, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public RegistryStore registryStore() {
        return registryStore;
    }

    @Override
    public synchronized void open(Registry registry) {
        reads = keep(new PostgresReadStore(db));
        outbox = new PostgresOutbox(db);
        intakeKeys = new PostgresIntakeKeys(db);
        destinations = new PostgresDestinationStore(db);
    }

    /** Created on first use: a worker node never produces. */
    @Override
    public synchronized EventAppender appender() {
        if (appender == null) {
            appender = keep(new KafkaAppender(kafka, nodeId, meters));
        }
        return appender;
    }

    @Override
    public LogHeads heads() {
        return heads;
    }

    @Override
    public PendingRequests pendingRequests() {
        return new KafkaPendingRequests(heads, pipelineStore());
    }

    @Override
    public LogConsumer consumer() {
        // Closed by the pipeline worker that owns it.
        return new KafkaLogConsumer(kafka, nodeId);
    }

    @Override
    public synchronized PipelineStore pipelineStore() {
        if (pipelineStore == null) {
            pipelineStore = new PostgresPipelineStore(db);
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
            loyaltyStore = new PostgresLoyaltyStore(db);
        }
        return loyaltyStore;
    }

    @Override
    public synchronized void onRegistryChange(Runnable catchUp) {
        keep(new PostgresChangeListener(db, catchUp));
    }

    @Override
    public void housekeeping() {
        purger.purge();
        PostgresReadStore store = reads;
        if (eventRetention != null && store != null) {
            store.purgeEventsBefore(clock.millis() - eventRetention.toMillis());
        }
    }

    @Override
    public boolean healthy() {
        KafkaAppender a = appender;
        return storeReachable && brokerReachable && (a == null || a.healthy());
    }

    @Override
    public String describe() {
        return "PostgreSQL " + db.url() + " and Kafka " + kafka.bootstrap() + " topic " + kafka.topic();
    }

    private void probe() {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            storeReachable = true;
        } catch (Exception e) {
            if (storeReachable) {
                LOG.warn("PostgreSQL is unreachable; not ready: {}", e.getMessage());
            }
            storeReachable = false;
        }
        try {
            heads.endPositions();
            brokerReachable = true;
        } catch (RuntimeException e) {
            if (brokerReachable) {
                LOG.warn("The Kafka broker is unreachable; not ready: {}", e.getMessage());
            }
            brokerReachable = false;
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.add(resource);
        return resource;
    }

    /** The producer flushes first, then listeners and readers; the pool and the admin client last. */
    @Override
    public synchronized void close() {
        probe.shutdownNow();
        List<AutoCloseable> order = new ArrayList<>(opened);
        if (pipelineStore != null) {
            order.add(pipelineStore);
        }
        order.add(admin);
        order.add(db);
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c, e.getMessage());
            }
        }
    }
}
