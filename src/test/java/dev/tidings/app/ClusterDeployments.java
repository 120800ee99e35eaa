package dev.tidings.app;

import dev.tidings.cluster.KafkaBroker;
import dev.tidings.cluster.PostgresServer;
import dev.tidings.config.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh cluster deployments for black-box tests: each server gets its own PostgreSQL database and its
 * own Kafka topic on the one PostgreSQL server and broker the test run starts, so tests stay isolated
 * without starting a server per class.
 */
public final class ClusterDeployments {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final long RUN = ProcessHandle.current().pid();
    private static final Map<Path, Deployment> BY_DATA_DIR = new ConcurrentHashMap<>();

    private ClusterDeployments() {}

    public static Deployment fresh() {
        return fresh(Deployment.Role.ALL);
    }

    /**
     * The deployment a server on {@code dataDir} uses: a restart on the same data directory — which in
     * the embedded deployment finds its state there — finds it in the same database and topic.
     */
    public static Deployment forDataDir(Path dataDir) {
        return BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> fresh());
    }

    /** A new database and topic, for one node or (via {@link #sameAs}) several. */
    public static Deployment fresh(Deployment.Role role) {
        String name = "t" + RUN + "_" + NEXT.incrementAndGet();
        String url = PostgresServer.get().createDatabase(name).toUrl();
        String topic = "tidings." + name;
        KafkaBroker.get().createTopic(topic, 3);
        return new Deployment(url, KafkaBroker.get().bootstrap(), topic, 3, Duration.ofSeconds(5), role);
    }

    /** Another node of the same deployment, with its own role. */
    public static Deployment sameAs(Deployment d, Deployment.Role role) {
        return new Deployment(d.postgresUrl(), d.kafkaBootstrap(), d.kafkaTopic(), d.kafkaPartitions(),
                d.kafkaAckTimeout(), role);
    }
}
