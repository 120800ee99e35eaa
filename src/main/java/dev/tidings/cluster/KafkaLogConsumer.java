package dev.tidings.cluster;

import dev.tidings.log.ConsumedRecord;
import dev.tidings.log.LogConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's side of the Kafka event log: one member of the consumer group, positions are
 * offsets. On every assignment it seeks to the positions the store committed ({@link StartPositions}),
 * never to Kafka's committed offsets: the store's batch transaction is the source of truth, so a
 * rebalance or a crash replays from exactly what was stored.
 *
 * <p>Threads: {@link #start} and {@link #poll} belong to one thread, the polling thread, which alone
 * touches the {@link KafkaConsumer} (it is not thread-safe); the rebalance callbacks run inside its
 * {@code poll}. {@link #committed} may come from any thread: it only records the positions, and the
 * polling thread commits them to Kafka asynchronously on its next poll, for operators' tools (lag per
 * group); nothing reads them back. {@link #close} may come from any thread: it wakes a blocked poll up
 * and closes the consumer once the polling thread has let go of it; a poll after that returns nothing.
 */
public final class KafkaLogConsumer implements LogConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLogConsumer.class);
    /** The workers' consumer group: every worker of a deployment is a member. */
    public static final String GROUP = "tidings-pipeline";

    private final KafkaSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String logId;
    /** Held by whichever thread uses the consumer: the polling thread, or {@link #close}. */
    private final ReentrantLock owner = new ReentrantLock();
    /** Next positions the store committed and Kafka has not been told yet; any thread writes. */
    private final Map<Integer, Long> toCommit = new ConcurrentHashMap<>();
    private volatile boolean closed;
    // Owned by the polling thread.
    private StartPositions start;
    private List<ConsumedRecord> collecting = new ArrayList<>();

    public KafkaLogConsumer(KafkaSettings settings, String clientId) {
        this(settings, GROUP, clientId);
    }

    /** {@code group}: another group than {@link #GROUP} only for tools and tests reading the same topic apart. */
    public KafkaLogConsumer(KafkaSettings settings, String group, String clientId) {
        this.settings = settings;
        this.consumer = settings.newConsumer(group, clientId);
        this.logId = logIdOf(settings.topic());
    }

    @Override
    public String logId() {
        return logId;
    }

    /** A topic's log id: positions stored for it belong to that topic only. */
    static String logIdOf(String topic) {
        return "kafka:" + topic;
    }

    @Override
    public void start(StartPositions positions) {
        this.start = positions;
        consumer.subscribe(List.of(settings.topic()), new Rebalance());
    }

    @Override
    public List<ConsumedRecord> poll(int max, long waitMillis) throws InterruptedException {
        owner.lock();
        try {
            if (closed) {
                return List.of();
            }
            commitRecorded();
            collecting = new ArrayList<>();
            take(consumer.poll(Duration.ofMillis(waitMillis)), max);
            // Whatever else is fetched already fills the batch; stop at the first empty answer.
            while (collecting.size() < max) {
                ConsumerRecords<String, byte[]> more = consumer.poll(Duration.ZERO);
                if (more.isEmpty()) {
                    break;
                }
                take(more, max);
            }
            return collecting;
        } catch (WakeupException e) {
            // close() is ending the consumer; what was read is read again from the store's positions.
            return List.of();
        } catch (InterruptException e) {
            throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
        } finally {
            owner.unlock();
        }
    }

    /** Adds up to {@code max} records; a partition cut short is sought back to its first record left out. */
    private void take(ConsumerRecords<String, byte[]> records, int max) {
        Set<TopicPartition> cut = new HashSet<>();
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                if (collecting.size() >= max) {
                    consumer.seek(tp, r.offset());
                    cut.add(tp);
                    break;
                }
                collecting.add(ConsumedRecord.decode(r.partition(), r.offset(), r.value()));
            }
        }
        if (!cut.isEmpty()) {
            LOG.trace("Batch full; {} partitions sought back", cut.size());
        }
    }

    /** Tells Kafka what the store committed, for assigned partitions only; failures are harmless. */
    private void commitRecorded() {
        if (toCommit.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Integer partition : new ArrayList<>(toCommit.keySet())) {
            Long next = toCommit.remove(partition);
            TopicPartition tp = new TopicPartition(settings.topic(), partition);
            if (next != null && assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.debug("Informational offset commit failed: {}", error.toString());
                }
            });
        }
    }

    @Override
    public void committed(Map<Integer, Long> nextPositions) {
        nextPositions.forEach((partition, next) -> toCommit.merge(partition, next, Math::max));
    }

    /** Safe from any thread: wakes the polling thread, waits for it to let go, then leaves the group. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        owner.lock();
        try {
            consumer.close(CloseOptions.timeout(settings.ackTimeout()));
        } catch (RuntimeException e) {
            LOG.debug("Closing the Kafka consumer: {}", e.toString());
        } finally {
            owner.unlock();
        }
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        List<Integer> numbers = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            numbers.add(tp.partition());
        }
        return numbers;
    }

    /** Runs inside {@code consumer.poll}, on the polling thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<Integer, Long> positions = start.of(logId, numbers(partitions));
            for (TopicPartition tp : partitions) {
                // 0 when the store knows nothing: before the log's start, so auto.offset.reset=earliest applies.
                consumer.seek(tp, positions.getOrDefault(tp.partition(), 0L));
            }
            // Records of these partitions collected before the seek are read again from the seek.
            forget(partitions);
            LOG.info("Assigned partitions {} of {}, from positions {}", numbers(partitions), settings.topic(), positions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        /** Another worker owns them now: neither their collected records nor their positions are ours. */
        private void forget(Collection<TopicPartition> partitions) {
            Set<Integer> gone = new HashSet<>(numbers(partitions));
            collecting.removeIf(r -> gone.contains(r.partition()));
            toCommit.keySet().removeAll(gone);
        }
    }
}
