package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import dev.tidings.destinations.DestinationFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Black-box: a KAFKA destination (DESIGN §9) produces each processed event to the real broker, keyed by
 * the customer id, with the webhook body as value and {@code webhook-id} as a header; a real consumer
 * reads them back, and the deliveries are DELIVERED.
 */
class KafkaDestinationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsAreProducedKeyedByCustomerAndReadBackByAConsumer() throws Exception {
        String topic = "dest-" + UUID.randomUUID();
        KafkaBroker.get().createTopic(topic, 3);
        try (TestServer server = DestinationFixture.start()) {
            DestinationFixture.publishSeedEvent(server);
            JsonNode d = DestinationFixture.create(server, "{\"name\":\"lake\",\"type\":\"KAFKA\",\"bootstrap\":\""
                    + KafkaBroker.get().bootstrap() + "\",\"topic\":\"" + topic + "\",\"events\":[\"be_reserved\"]}");
            assertThat(d.has("secret")).isFalse();
            List<String> requests = List.of(
                    DestinationFixture.post(server, "k-1", "2", "Kafka", "9900000001"),
                    DestinationFixture.post(server, "k-2", "3", "Kafka", "9900000002"),
                    DestinationFixture.post(server, "k-3", "12", "Kafka", "9900000001"));
            for (String r : requests) {
                DestinationFixture.awaitDelivery(server, d.get("id").asText(), r, "DELIVERED");
            }

            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                    return read.size() >= 3;
                });
            }
            assertThat(read).hasSize(3);
            List<String> readRequests = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : read) {
                JsonNode body = JSON.readTree(r.value());
                assertThat(body.get("type").asText()).isEqualTo("event.processed");
                assertThat(r.key()).isEqualTo(body.at("/event/customer/id").asText());
                assertThat(new String(r.headers().lastHeader("webhook-id").value(), StandardCharsets.UTF_8))
                        .isEqualTo(body.get("deliveryId").asText());
                readRequests.add(body.at("/event/requestId").asText());
            }
            assertThat(readRequests).containsExactlyInAnyOrderElementsOf(requests);
            // One customer's two events share a key, hence a partition.
            assertThat(read.stream().filter(r -> r.key().equals(read.get(0).key())).map(ConsumerRecord::partition).distinct())
                    .hasSize(1);
        }
    }
}
