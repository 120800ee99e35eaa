package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.ClusterDeployments;
import dev.tidings.app.TestServer;
import dev.tidings.config.Deployment;
import dev.tidings.config.ServerConfig;
import dev.tidings.destinations.DestinationFixture;
import dev.tidings.destinations.SecretBox;
import dev.tidings.destinations.WebhookSink;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster (one PostgreSQL, one topic), both running the delivery engine over the same
 * deliveries table: claims with FOR UPDATE SKIP LOCKED send each delivery once in the normal case, and
 * the deliveries a node was sending when it went away are sent again by the other.
 */
class ClusterDeliveryIT {
    private static final String KEY = Base64.getEncoder().encodeToString(SecretBox.newKey());
    private static final ServerConfig.Destinations SETTINGS =
            new ServerConfig.Destinations(true, ServerConfig.Destinations.DEFAULT_DISABLE_AFTER, KEY);

    private static TestServer node(Deployment deployment) throws Exception {
        return TestServer.start(new ServerConfig("127.0.0.1", 0, Files.createTempDirectory("tidings-node"), "local", null,
                TestServer.ROOT_TOKEN, true, TestServer.limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7),
                deployment, SETTINGS));
    }

    @Test
    void twoEnginesOnOneDatabaseSendEachDeliveryOnce() throws Exception {
        Deployment d = ClusterDeployments.fresh();
        try (WebhookSink sink = new WebhookSink(); TestServer a = node(d); TestServer b = node(ClusterDeployments.sameAs(d, Deployment.Role.ALL))) {
            DestinationFixture.publishSeedEvent(a);
            JsonNode dest = DestinationFixture.webhook(a, sink.url("/c"), "\"maxInFlight\":4");
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                requests.add(DestinationFixture.post(i % 2 == 0 ? a : b, "c-" + i, "2"));
            }
            String id = dest.get("id").asText();
            await().atMost(Duration.ofMinutes(2)).until(() -> b.root("GET", DestinationFixture.BASE + "/" + id
                    + "/deliveries?status=DELIVERED&limit=500", null).json().get("items").size() == 100);
            Map<String, Integer> times = new HashMap<>();
            sink.received().forEach(r -> times.merge(r.json().at("/event/requestId").asText(), 1, Integer::sum));
            assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(requests);
            assertThat(times.values()).as("no delivery sent twice").containsOnly(1);
            JsonNode items = a.root("GET", DestinationFixture.BASE + "/" + id + "/deliveries?limit=500", null).json().get("items");
            items.forEach(i -> assertThat(i.get("attempts").asInt()).isEqualTo(1));
        }
    }

    @Test
    void whatANodeWasSendingWhenItWentAwayIsSentByTheOther() throws Exception {
        Deployment d = ClusterDeployments.fresh();
        try (WebhookSink sink = new WebhookSink(); TestServer b = node(ClusterDeployments.sameAs(d, Deployment.Role.ALL))) {
            TestServer a = node(d);
            List<String> requests = new ArrayList<>();
            String id;
            try {
                DestinationFixture.publishSeedEvent(a);
                JsonNode dest = DestinationFixture.webhook(a, sink.url("/h"), "\"maxInFlight\":4,\"timeout\":\"20s\","
                        + "\"retrySchedule\":[\"50ms\",\"50ms\",\"50ms\"]");
                id = dest.get("id").asText();
                sink.hold();
                for (int i = 0; i < 8; i++) {
                    requests.add(DestinationFixture.post(a, "h-" + i, "2"));
                }
                // Both nodes hold requests open at the sink: each has claims in flight.
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.received().size() >= 8);
            } finally {
                a.close();
            }
            sink.release();
            await().atMost(Duration.ofMinutes(2)).until(() -> b.root("GET", DestinationFixture.BASE + "/" + id
                    + "/deliveries?status=DELIVERED&limit=500", null).json().get("items").size() == 8);
            List<String> received = sink.received().stream().map(r -> r.json().at("/event/requestId").asText()).toList();
            assertThat(received).containsAll(requests);
        }
    }
}
