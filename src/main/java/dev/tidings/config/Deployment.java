package dev.tidings.config;

import java.time.Duration;

/**
 * Where state lives and what this node runs (DESIGN §7). Without {@code postgresUrl} everything is in
 * SQLite files in the data directory; with it the store is PostgreSQL; with {@code kafkaBootstrap} too,
 * the event log is a Kafka topic and nodes can be split into roles.
 */
public record Deployment(
        String postgresUrl,
        String kafkaBootstrap,
        String kafkaTopic,
        int kafkaPartitions,
        Duration kafkaAckTimeout,
        Role role) {

    /** What a node runs: the HTTP intake and admin API, the pipeline, or both. */
    public enum Role {
        ALL, INTAKE, WORKER;

        public boolean intake() {
            return this != WORKER;
        }

        public boolean worker() {
            return this != INTAKE;
        }
    }

    public static final String DEFAULT_TOPIC = "tidings.events";

    /** The embedded default: one process, SQLite, both roles. */
    public static Deployment embedded() {
        return new Deployment(null, null, DEFAULT_TOPIC, 12, Duration.ofSeconds(5), Role.ALL);
    }

    public Deployment {
        require(kafkaBootstrap == null || postgresUrl != null, "kafka-bootstrap", "requires --postgres-url");
        // A PostgreSQL store behind a node-local SQLite log would tie the store to one machine's disk.
        require(postgresUrl == null || kafkaBootstrap != null, "postgres-url",
                "requires --kafka-bootstrap: the cluster's event log is a Kafka topic");
        require(role == Role.ALL || kafkaBootstrap != null, "role",
                "intake and worker nodes share their log through Kafka: set --kafka-bootstrap and --postgres-url");
        require(kafkaTopic != null && kafkaTopic.matches("[A-Za-z0-9._-]{1,249}"), "kafka-topic",
                "must be 1-249 letters, digits, '.', '_' or '-'");
        require(kafkaPartitions >= 1 && kafkaPartitions <= 10_000, "kafka-partitions", "must be between 1 and 10000");
        require(kafkaAckTimeout.toMillis() >= 100, "kafka-ack-timeout", "must be at least 100ms");
    }

    public boolean cluster() {
        return postgresUrl != null;
    }

    private static void require(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid configuration: " + key + " " + rule);
        }
    }
}
