package dev.tidings.destinations;

import static dev.tidings.destinations.DestinationFixture.BASE;
import static dev.tidings.destinations.DestinationFixture.awaitDelivery;
import static dev.tidings.destinations.DestinationFixture.post;
import static dev.tidings.destinations.DestinationFixture.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Black-box: one destination's trouble stays its own (DESIGN §9) — a slow endpoint holds back neither
 * another destination nor the intake, a failing customer holds back only that customer under
 * PER_CUSTOMER — and test events never leave Tidings.
 */
class DeliveryIsolationTest {

    @Test
    void aSlowEndpointSlowsNeitherAnotherDestinationNorTheIntake() {
        try (TestServer server = DestinationFixture.start(); WebhookSink slow = new WebhookSink(); WebhookSink fast = new WebhookSink()) {
            DestinationFixture.publishSeedEvent(server);
            slow.hold();
            JsonNode s = webhook(server, slow.url("/slow"), "\"maxInFlight\":2,\"timeout\":\"1m\"");
            JsonNode f = webhook(server, fast.url("/fast"), "");
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // Every post is answered 1100 while the slow endpoint holds its two connections.
                requests.add(post(server, "iso-" + i, "2"));
            }
            for (String r : requests) {
                awaitDelivery(server, f.get("id").asText(), r, "DELIVERED");
            }
            assertThat(fast.received()).hasSize(20);
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.received().size() == 2);
            assertThat(slow.received()).as("bounded by maxInFlight while held").hasSize(2);
            assertThat(server.root("GET", BASE + "/" + s.get("id").asText() + "/deliveries?status=PENDING&limit=500", null)
                    .json().get("items")).hasSize(20);

            slow.release();
            for (String r : requests) {
                awaitDelivery(server, s.get("id").asText(), r, "DELIVERED");
            }
            assertThat(slow.received()).hasSize(20);
        }
    }

    @Test
    void perCustomerOrderingHoldsBackOnlyTheFailingCustomerAndKeepsEventOrder() {
        try (TestServer server = DestinationFixture.start(); WebhookSink sink = new WebhookSink()) {
            DestinationFixture.publishSeedEvent(server);
            // a1's retry is an hour away: only a replay sends it again, so the order below is not a race.
            JsonNode d = webhook(server, sink.url("/ordered"), "\"ordering\":\"PER_CUSTOMER\",\"retrySchedule\":[\"1h\"]");
            String id = d.get("id").asText();
            sink.answer(500);
            String a1 = post(server, "a-1", "2", "Indiranagar", "9900000001");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
            String a2 = post(server, "a-2", "2", "Indiranagar", "9900000001");
            String b1 = post(server, "b-1", "2", "Indiranagar", "9900000002");
            // b1 (created after a2) went through: the claim that took it passed a2 over, held behind a1.
            awaitDelivery(server, id, b1, "DELIVERED");
            JsonNode held = server.root("GET", BASE + "/" + id + "/deliveries?requestId=" + a2, null).json().at("/items/0");
            assertThat(held.get("status").asText()).isEqualTo("PENDING");
            assertThat(held.get("attempts").asInt()).isZero();

            TestServer.Answer replay = server.root("POST", BASE + "/" + id + "/replay", "{\"requestIds\":[\"" + a1 + "\"]}");
            assertThat(replay.json().get("queued").asInt()).isEqualTo(1);
            awaitDelivery(server, id, a2, "DELIVERED");
            List<String> order = sink.received().stream().map(r -> r.json().at("/event/requestId").asText()).toList();
            assertThat(order).containsExactly(a1, b1, a1, a2);
            assertThat(awaitDelivery(server, id, a1, "DELIVERED").get("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void testEventsAreNeverDelivered() {
        try (TestServer server = DestinationFixture.start(); WebhookSink sink = new WebhookSink()) {
            TestServer.Answer created = server.root("POST", BASE, "{\"name\":\"crm\",\"type\":\"WEBHOOK\",\"url\":\""
                    + sink.url("/t") + "\",\"events\":[\"be_reserved\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            String testRequest = DestinationFixture.publishSeedEvent(server);
            String real = post(server, "real-1", "2");
            awaitDelivery(server, id, real, "DELIVERED");
            assertThat(server.root("GET", BASE + "/" + id + "/deliveries?requestId=" + testRequest, null).json().get("items"))
                    .isEmpty();
            assertThat(sink.received()).hasSize(1);
            assertThat(sink.forRequest(real)).hasSize(1);
        }
    }

    @Test
    void withoutTheFlagPrivateAddressesAreRefusedWhenSaved() {
        try (TestServer server = TestServer.start(true)) {
            TestServer.Answer a = server.root("POST", BASE, "{\"name\":\"x\",\"type\":\"WEBHOOK\","
                    + "\"url\":\"http://127.0.0.1:8080/hook\",\"events\":[\"*\"]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().at("/errors/0/attribute").asText()).isEqualTo("url");
            assertThat(a.json().at("/errors/0/message").asText()).contains("loopback").contains("--allow-private-destinations");
            TestServer.Answer b = server.root("POST", BASE, "{\"name\":\"x\",\"type\":\"WEBHOOK\","
                    + "\"url\":\"http://169.254.169.254/latest/meta-data\",\"events\":[\"*\"]}");
            assertThat(b.status()).isEqualTo(400);
            assertThat(b.body()).contains("link-local");
        }
    }
}
