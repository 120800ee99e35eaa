package dev.tidings.cluster;

import dev.tidings.log.LogHeads;
import dev.tidings.log.LogUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The end of every partition of the event log's topic, for lag on any node (intake nodes included:
 * they consume nothing). The end is the last stable offset, what a {@code read_committed} consumer can
 * reach; records of a transaction still open are not counted yet.
 *
 * <p>One thing a reader of the figures should know: a committed transaction leaves a commit marker at
 * the end of each partition it wrote, which takes an offset but is no record. A worker that processed
 * everything then stands one short of the end until the partition's next record, so a quiet partition
 * written last by {@code appendAll} shows a lag of 1.
 *
 * <p>Threads: any; the {@link Admin} client is thread-safe and is the caller's to close. Every call
 * asks the broker (partitions may be added to a live topic) and waits at most {@code timeout}.
 */
public final class KafkaLogHeads implements LogHeads {
    private final Admin admin;
    private final String topic;
    private final Duration timeout;

    public KafkaLogHeads(Admin admin, String topic, Duration timeout) {
        this.admin = admin;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** The same id as the topic's {@link KafkaLogConsumer}'s. */
    @Override
    public String logId() {
        return KafkaLogConsumer.logIdOf(topic);
    }

    /** @throws LogUnavailableException when the broker does not answer within the timeout */
    @Override
    public Map<Integer, Long> endPositions() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin
                    .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(left, TimeUnit.MILLISECONDS);
            Map<Integer, Long> positions = new HashMap<>();
            ends.forEach((tp, info) -> positions.put(tp.partition(), info.offset()));
            return positions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while reading the end offsets of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LogUnavailableException("cannot read the end offsets of Kafka topic " + topic + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
