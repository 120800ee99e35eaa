package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tidings.log.ConsumedRecord;
import dev.tidings.log.EventAppender;
import dev.tidings.log.EventLogContract;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import dev.tidings.log.LogRecord;
import dev.tidings.log.LogUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The log contract against a Kafka topic on a real KRaft broker (a fresh topic and consumer group per
 * log), and what only a Kafka log has: a broker that goes away, a consumer group, rebalances.
 */
class KafkaEventLogIT extends EventLogContract {
    private static final KafkaBroker BROKER = KafkaBroker.get();
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final int PARTITIONS = 3;

    @Override
    protected TestLog openLog() {
        return new KafkaLog(freshTopic(PARTITIONS), "it-group-" + TOPICS.get());
    }

    private static KafkaSettings freshTopic(int partitions) {
        String topic = "it.log." + TOPICS.incrementAndGet() + "." + System.nanoTime();
        BROKER.createTopic(topic, partitions);
        return KafkaSettings.defaults(BROKER.bootstrap()).withTopic(topic, partitions).withAckTimeout(Duration.ofSeconds(2));
    }

    /** Appender, consumer and heads over one topic; the consumer is in {@code group}. */
    private static final class KafkaLog implements TestLog {
        private final KafkaSettings settings;
        private final String group;
        private final KafkaAppender appender;
        private final KafkaLogConsumer consumer;
        private final Admin admin;
        private final KafkaLogHeads heads;
        private boolean closed;

        KafkaLog(KafkaSettings settings, String group) {
            this.settings = settings;
            this.group = group;
            this.appender = new KafkaAppender(settings, "it-" + System.nanoTime(), new SimpleMeterRegistry());
            this.consumer = new KafkaLogConsumer(settings, group, "it-consumer");
            this.admin = settings.newAdmin();
            this.heads = new KafkaLogHeads(admin, settings.topic(), Duration.ofSeconds(10));
        }

        @Override
        public EventAppender appender() {
            return appender;
        }

        @Override
        public LogConsumer consumer() {
            return consumer;
        }

        @Override
        public LogHeads heads() {
            return heads;
        }

        @Override
        public void appendUnreadable(String partitionKey, byte[] bytes) throws Exception {
            try (KafkaProducer<String, byte[]> raw = settings.newProducer("it-raw")) {
                raw.send(new ProducerRecord<>(settings.topic(), partitionKey, bytes)).get(30, TimeUnit.SECONDS);
            }
        }

        @Override
        public TestLog reopen() {
            close();
            return new KafkaLog(settings, group);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            consumer.close();
            appender.close();
            admin.close();
        }
    }

    // --- what only Kafka has ---

    @Test
    void withTheBrokerStoppedAnAppendFailsWithinTheAckTimeoutAndWorksAgainAfterRestart() throws Exception {
        KafkaSettings settings = freshTopic(PARTITIONS);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KafkaAppender appender = new KafkaAppender(settings, "it-outage", meters)) {
            appender.append(accepted("before", "cust-1")).get(30, TimeUnit.SECONDS);
            appender.appendAll(List.of(accepted("before-a", "cust-1"), accepted("before-b", "cust-2"))).get(30, TimeUnit.SECONDS);
            assertThat(appender.healthy()).isTrue();

            BROKER.stop();
            try {
                var single = appender.append(accepted("while-down", "cust-1"));
                var batch = appender.appendAll(List.of(accepted("while-down-a", "cust-1"), accepted("while-down-b", "cust-2")));
                // Each future fails by itself with the 503 cause (a get that had to give up would throw
                // TimeoutException instead): an answer, never a hang. The wait is a deadline, not a measurement.
                long bound = settings.ackTimeout().toMillis() + 3_000;
                assertThatThrownBy(() -> single.get(bound, TimeUnit.MILLISECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LogUnavailableException.class);
                assertThatThrownBy(() -> batch.get(bound, TimeUnit.MILLISECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LogUnavailableException.class);
                assertThat(appender.healthy()).isFalse();
            } finally {
                BROKER.start();
            }

            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                    appender.append(accepted("after", "cust-1")).get(10, TimeUnit.SECONDS));
            assertThat(appender.healthy()).isTrue();
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                    appender.appendAll(List.of(accepted("after-a", "cust-1"), accepted("after-b", "cust-2"))).get(10, TimeUnit.SECONDS));
        }
        assertThat(meters.get("tidings_kafka_ack").timer().count()).as("acknowledged sends and commits timed").isGreaterThanOrEqualTo(4);
    }

    @Test
    void twoConsumersInTheGroupSplitThePartitionsAndTogetherReadEveryRecordExactlyOnce() throws Exception {
        KafkaSettings settings = freshTopic(4);
        String group = "it-split-" + settings.topic();
        Map<Integer, Long> store = new ConcurrentHashMap<>();
        LogConsumer.StartPositions fromStore = (logId, partitions) -> {
            Map<Integer, Long> of = new HashMap<>();
            partitions.forEach(p -> of.put(p, store.getOrDefault(p, 0L)));
            return of;
        };
        List<String> sent = new ArrayList<>();
        Map<String, Integer> readCount = new HashMap<>();
        List<List<ConsumedRecord>> readBy = List.of(new ArrayList<>(), new ArrayList<>());
        try (KafkaAppender appender = new KafkaAppender(settings, "it-split", new SimpleMeterRegistry());
                KafkaLogConsumer a = new KafkaLogConsumer(settings, group, "it-a");
                KafkaLogConsumer b = new KafkaLogConsumer(settings, group, "it-b")) {
            appendRound(appender, sent, 0);
            a.start(fromStore);
            b.start(fromStore);
            List<KafkaLogConsumer> both = List.of(a, b);
            AtomicInteger rounds = new AtomicInteger(1);
            // Both poll on this thread in turn, each "storing" its positions as a worker's batch would,
            // until both have read records and everything sent was read; a group still forming gets more.
            await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                for (int i = 0; i < 2; i++) {
                    List<ConsumedRecord> records = both.get(i).poll(1000, 200);
                    records.forEach(r -> readCount.merge(r.record().requestId(), 1, Integer::sum));
                    readBy.get(i).addAll(records);
                    Map<Integer, Long> next = nextPositions(records);
                    store.putAll(next);
                    both.get(i).committed(next);
                }
                boolean allRead = readCount.size() == sent.size();
                if (allRead && (readBy.get(0).isEmpty() || readBy.get(1).isEmpty())) {
                    appendRound(appender, sent, rounds.getAndIncrement());
                    return false;
                }
                return allRead;
            });
        }
        assertThat(readCount.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(readCount.values()).as("each record read once").containsOnly(1);
        assertThat(readBy.get(0)).isNotEmpty();
        assertThat(readBy.get(1)).isNotEmpty();
    }

    private static void appendRound(KafkaAppender appender, List<String> sent, int round) throws Exception {
        for (int i = 0; i < 16; i++) {
            LogRecord r = accepted("split-" + round + "-" + i, "cust-" + round + "-" + i);
            appender.append(r).get(30, TimeUnit.SECONDS);
            sent.add(r.requestId());
        }
    }

    @Test
    void onAssignmentAConsumerSeeksToTheStartPositionsItIsGivenNotToKafkasCommittedOffsets() throws Exception {
        KafkaSettings settings = freshTopic(1);
        String group = "it-seek-" + settings.topic();
        try (KafkaAppender appender = new KafkaAppender(settings, "it-seek", new SimpleMeterRegistry());
                Admin admin = settings.newAdmin()) {
            for (int i = 0; i < 10; i++) {
                appender.append(accepted(String.format("seek-%02d", i), "cust-1")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaLogConsumer first = new KafkaLogConsumer(settings, group, "it-first")) {
                first.start((logId, partitions) -> Map.of());
                List<ConsumedRecord> all = readAll(first, 10);
                first.committed(nextPositions(all));
                TopicPartition tp = new TopicPartition(settings.topic(), 0);
                // The informational commit goes out from the polling thread on its next poll.
                await().atMost(PATIENCE).pollInSameThread().until(() -> {
                    first.poll(10, 100);
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS).get(tp);
                    return committed != null && committed.offset() == 10;
                });
            }

            List<String> askedLogIds = new ArrayList<>();
            List<Collection<Integer>> askedPartitions = new ArrayList<>();
            try (KafkaLogConsumer second = new KafkaLogConsumer(settings, group, "it-second")) {
                second.start((logId, partitions) -> {
                    askedLogIds.add(logId);
                    askedPartitions.add(List.copyOf(partitions));
                    return Map.of(0, 4L);
                });
                List<ConsumedRecord> again = readAll(second, 6);

                assertThat(again).extracting(ConsumedRecord::position).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
                assertThat(again).extracting(r -> r.record().requestId())
                        .containsExactly("seek-04", "seek-05", "seek-06", "seek-07", "seek-08", "seek-09");
            }
            assertThat(askedLogIds).containsOnly("kafka:" + settings.topic());
            assertThat(askedPartitions).first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
                    .containsExactly(0);
        }
    }
}
