package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The producer, consumer and topic settings of the Kafka event log against a real KRaft broker. */
class KafkaBrokerIT {
    private static final KafkaBroker BROKER = KafkaBroker.get();

    @Test
    void recordsComeBackInOrderAndOneKeyAlwaysLandsInOnePartition() throws Exception {
        KafkaSettings settings = KafkaSettings.defaults(BROKER.bootstrap()).withTopic("it.roundtrip", 3);
        try (Admin admin = settings.newAdmin()) {
            assertThat(KafkaTopics.ensureTopic(admin, settings, Duration.ofSeconds(30))).isTrue();
            assertThat(KafkaTopics.ensureTopic(admin, settings, Duration.ofSeconds(30))).as("exists already").isFalse();
            assertThat(KafkaTopics.partitionCount(admin, settings.topic(), Duration.ofSeconds(30))).isEqualTo(3);
        }

        Map<String, Integer> partitionOfKey = new HashMap<>();
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = settings.newProducer("it-producer")) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String key = "org-a/customer-" + (i % 10);
                String value = key + "#" + i;
                sent.add(value);
                acks.add(producer.send(new ProducerRecord<>(settings.topic(), key, value.getBytes(StandardCharsets.UTF_8))));
            }
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata ack = acks.get(i).get(30, TimeUnit.SECONDS);
                Integer earlier = partitionOfKey.putIfAbsent("org-a/customer-" + (i % 10), ack.partition());
                assertThat(earlier == null || earlier == ack.partition()).as("key %d stays in one partition", i % 10).isTrue();
            }
        }

        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = settings.newConsumer("it-group", "it-consumer")) {
            consumer.subscribe(List.of(settings.topic()));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).hasSize(sent.size());
            });
        }
        assertThat(received).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(sent);
        for (ConsumerRecord<String, byte[]> record : received) {
            assertThat(record.partition()).isEqualTo(partitionOfKey.get(record.key()));
        }
        // Within a key (one partition), the records arrive in the order they were sent.
        List<String> customerZero = received.stream().filter(r -> r.key().equals("org-a/customer-0"))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(customerZero).isEqualTo(sent.stream().filter(v -> v.startsWith("org-a/customer-0#")).toList());
    }

    @Test
    void aSendFailsWithinTheAckTimeoutWhileTheBrokerIsDownAndSucceedsOnceItIsBack() throws Exception {
        Duration ackTimeout = Duration.ofSeconds(3);
        KafkaSettings settings = KafkaSettings.defaults(BROKER.bootstrap()).withTopic("it.restart", 3).withAckTimeout(ackTimeout);
        BROKER.createTopic(settings.topic(), settings.partitions());
        try (KafkaProducer<String, byte[]> producer = settings.newProducer("it-restart")) {
            producer.send(record(settings, "before")).get(30, TimeUnit.SECONDS);

            BROKER.stop();
            try {
                Future<RecordMetadata> ack = producer.send(record(settings, "while-down"));
                // Generous bound over the ack timeout for a loaded machine; the point is that it ends with an error.
                assertThatThrownBy(() -> ack.get(ackTimeout.toSeconds() + 20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            } finally {
                BROKER.start();
            }

            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(producer.send(record(settings, "after")).get(10, TimeUnit.SECONDS).offset()).isNotNegative());
        }
    }

    private static ProducerRecord<String, byte[]> record(KafkaSettings settings, String value) {
        return new ProducerRecord<>(settings.topic(), "org-a/customer-1", value.getBytes(StandardCharsets.UTF_8));
    }
}
