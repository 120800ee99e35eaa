package dev.tidings.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How a node talks to the event log's Kafka cluster ({@code --kafka-bootstrap}, {@code --kafka-topic},
 * {@code --kafka-partitions}, {@code --kafka-ack-timeout}), and the clients built from it. Records
 * are keyed by a string (org and customer identifier, so one customer's events stay in one partition
 * and in order) and carry bytes (the encoded accepted event).
 *
 * <p>The producer is idempotent with {@code acks=all}: an acknowledged record is on every in-sync
 * replica, and the producer's own retries never write it twice. Every way a send can wait (metadata,
 * a full buffer, the broker's answer) is bounded by the ack timeout, so the intake answers 503 in
 * time instead of hanging. The consumer never commits by itself and sees only committed records:
 * workers store their positions in PostgreSQL in the batch's transaction.
 */
public record KafkaSettings(String bootstrap, String topic, int partitions, Duration ackTimeout) {
    public static final String DEFAULT_TOPIC = "tidings.events";
    /** Room for twelve workers in one group without re-partitioning, cheap for a single broker. */
    public static final int DEFAULT_PARTITIONS = 12;
    /** DESIGN §7: the intake waits at most this long for the broker, then answers 503. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough to gather the records of one burst into one request, short next to a disk fsync. */
    static final int LINGER_MS = 5;
    /** 256 KiB per partition batch: several hundred events of typical size per request. */
    static final int BATCH_SIZE = 256 * 1024;

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("kafka-bootstrap must list host:port[,host:port…]");
        }
        for (String address : bootstrap.split(",")) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).strip().matches("\\d{1,5}")) {
                throw new IllegalArgumentException("kafka-bootstrap must list host:port[,host:port…], got '" + address.strip() + "'");
            }
        }
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("kafka-topic must be 1 to 249 letters, digits, '.', '_' or '-'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("kafka-partitions must be at least 1");
        }
        // The producer needs the linger time and at least one request round within the delivery timeout.
        if (ackTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("kafka-ack-timeout must be at least 1s");
        }
    }

    public static KafkaSettings defaults(String bootstrap) {
        return new KafkaSettings(bootstrap, DEFAULT_TOPIC, DEFAULT_PARTITIONS, DEFAULT_ACK_TIMEOUT);
    }

    public KafkaSettings withTopic(String otherTopic, int otherPartitions) {
        return new KafkaSettings(bootstrap, otherTopic, otherPartitions, ackTimeout);
    }

    public KafkaSettings withAckTimeout(Duration timeout) {
        return new KafkaSettings(bootstrap, topic, partitions, timeout);
    }

    /** The producer's configuration; {@code clientId} names the node in the broker's logs and metrics. */
    public Map<String, Object> producerConfig(String clientId) {
        int ack = (int) ackTimeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        // Kafka requires delivery.timeout >= linger + request.timeout; a record not acknowledged
        // within the ack timeout fails its future, which the intake turns into 503.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ack);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ack - LINGER_MS);
        // send() itself blocks while it has no metadata for the topic or its buffer is full: bounded too.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ack);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    public KafkaProducer<String, byte[]> newProducer(String clientId) {
        return new KafkaProducer<>(producerConfig(clientId));
    }

    /** A consumer in {@code group}; positions are the caller's to seek to and store. */
    public Map<String, Object> consumerConfig(String group, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A partition with no stored position starts at its first record: nothing accepted is skipped.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    public KafkaConsumer<String, byte[]> newConsumer(String group, String clientId) {
        return new KafkaConsumer<>(consumerConfig(group, clientId));
    }

    public Admin newAdmin() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), 15_000));
        return Admin.create(config);
    }
}
