package dev.tidings.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the event log's topic when it is missing. Every node calls this on start, so it must be
 * harmless when the topic exists or another node creates it at the same moment. It never changes an
 * existing topic: partitions and replication of a live topic are the operator's decision.
 */
public final class KafkaTopics {
    /** Three copies survive one broker loss with {@code acks=all} still writable (min.insync = 2). */
    static final int MAX_REPLICATION = 3;

    private KafkaTopics() {}

    /**
     * Ensures {@code settings.topic()} exists with {@code settings.partitions()} partitions and
     * replication min(3, brokers). Returns true when this call created it.
     */
    public static boolean ensureTopic(Admin admin, KafkaSettings settings, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        long millis = timeout.toMillis();
        int brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).size();
        int replication = Math.max(1, Math.min(MAX_REPLICATION, brokers));
        // One copy fewer than the replicas must acknowledge, so one broker can be down for maintenance.
        int minInSync = Math.max(1, replication - 1);
        NewTopic topic = new NewTopic(settings.topic(), settings.partitions(), (short) replication)
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSync)));
        try {
            admin.createTopics(List.of(topic)).all().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    /** The topic's partition count as the broker knows it. */
    public static int partitionCount(Admin admin, String topic, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
    }
}
