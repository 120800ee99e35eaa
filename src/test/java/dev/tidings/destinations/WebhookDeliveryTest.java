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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box: the real server delivers processed events to a real HTTP sink on 127.0.0.1 (DESIGN §9).
 * One server for the class; each test's destination filters on a hotel of its own, so the tests' events
 * do not reach each other's sinks.
 */
class WebhookDeliveryTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = DestinationFixture.start();
        DestinationFixture.publishSeedEvent(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String onlyHotel(String hotel) {
        return "\"filter\":\"event.hotel_name == '" + hotel + "'\"";
    }

    @Test
    void aDeliveryIsSignedPerStandardWebhooksAndCarriesTheStoredEvent() {
        try (WebhookSink sink = new WebhookSink()) {
            JsonNode d = webhook(server, sink.url("/hooks?x=1"), onlyHotel("signed") + ",\"headers\":{\"X-Api-Key\":\"k-123\"}");
            String secret = d.get("secret").asText();
            assertThat(secret).startsWith("whsec_");
            String requestId = post(server, "sig-1", "12", "signed", "9933772255");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);

            WebhookSink.Received r = sink.received().get(0);
            assertThat(StandardWebhooksCheck.verifies(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                    r.header("webhook-signature"))).as("signature %s", r.header("webhook-signature")).isTrue();
            assertThat(Long.parseLong(r.header("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000,
                    org.assertj.core.data.Offset.offset(300L));
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(r.header("x-api-key")).isEqualTo("k-123");
            JsonNode body = r.json();
            assertThat(body.get("type").asText()).isEqualTo("event.processed");
            assertThat(body.get("deliveryId").asText()).isEqualTo(r.header("webhook-id"));
            assertThat(body.get("org").asText()).isEqualTo("default");
            assertThat(body.at("/event/requestId").asText()).isEqualTo(requestId);
            assertThat(body.at("/event/attributes/room_nights").asText()).isEqualTo("12");
            assertThat(body.at("/event/attributes/age").isDouble()).isTrue();
            assertThat(body.at("/event/customer/identifierType").asText()).isEqualTo("MOBILE");

            JsonNode delivery = awaitDelivery(server, d.get("id").asText(), requestId, "DELIVERED");
            assertThat(delivery.get("deliveryId").asText()).isEqualTo(r.header("webhook-id"));
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.at("/lastResponse/status").asInt()).isEqualTo(200);
            assertThat(delivery.at("/lastResponse/body").asText()).isEqualTo("answer 200");
            JsonNode request = server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null).json();
            assertThat(request.get("deliveries")).hasSize(1);
            assertThat(request.at("/deliveries/0/destinationId").asText()).isEqualTo(d.get("id").asText());
            assertThat(request.at("/deliveries/0/status").asText()).isEqualTo("DELIVERED");
            assertThat(request.at("/deliveries/0/attempts").asInt()).isEqualTo(1);
            String metrics = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/metrics"))
                    .GET().build()).body();
            assertThat(metrics).contains("tidings_destination_delivered_total{destination=\"" + d.get("id").asText() + "\"")
                    .contains("tidings_destination_attempt_latency_seconds_bucket{destination=\"" + d.get("id").asText() + "\"");
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() {
        try (WebhookSink sink = new WebhookSink()) {
            sink.answer(new WebhookSink.Reply(302, Map.of("Location", sink.url("/elsewhere"))));
            JsonNode d = webhook(server, sink.url("/moved"), onlyHotel("redirect") + ",\"retrySchedule\":[\"50ms\"]");
            String requestId = post(server, "redirect-1", "2", "redirect", "9933772255");
            JsonNode delivery = awaitDelivery(server, d.get("id").asText(), requestId, "DELIVERED");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
            JsonNode attempts = server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries/"
                    + delivery.get("deliveryId").asText() + "/attempts", null).json().get("items");
            assertThat(attempts).extracting(a -> a.get("status").asInt()).containsExactly(302, 200);
            assertThat(sink.received()).hasSize(2);
        }
    }

    @Test
    void failuresAreRetriedWithTheSameWebhookIdAndTheThirdAttemptDelivers() {
        try (WebhookSink sink = new WebhookSink().answer(500, 500)) {
            JsonNode d = webhook(server, sink.url("/retry"), onlyHotel("retry") + ",\"retrySchedule\":[\"50ms\",\"50ms\",\"50ms\"]");
            String requestId = post(server, "retry-1", "2", "retry", "9933772255");
            JsonNode delivery = awaitDelivery(server, d.get("id").asText(), requestId, "DELIVERED");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);

            List<WebhookSink.Received> got = sink.received();
            assertThat(got).hasSize(3);
            assertThat(got).extracting(x -> x.header("webhook-id")).containsOnly(delivery.get("deliveryId").asText());
            assertThat(got).allMatch(x -> StandardWebhooksCheck.verifies(d.get("secret").asText(), x.header("webhook-id"),
                    x.header("webhook-timestamp"), x.body(), x.header("webhook-signature")));
            JsonNode attempts = server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries/"
                    + delivery.get("deliveryId").asText() + "/attempts", null).json().get("items");
            assertThat(attempts).extracting(a -> a.get("status").asInt()).containsExactly(500, 500, 200);
            assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3);
            assertThat(attempts.get(0).get("response").asText()).isEqualTo("answer 500");
        }
    }

    @Test
    void aDeliveryThatUsesUpItsScheduleIsFailedAndAReplayDeliversIt() {
        try (WebhookSink sink = new WebhookSink().always(503)) {
            JsonNode d = webhook(server, sink.url("/dead"), onlyHotel("dead") + ",\"retrySchedule\":[\"50ms\"]");
            String id = d.get("id").asText();
            String requestId = post(server, "dead-1", "2", "dead", "9933772255");
            JsonNode failed = awaitDelivery(server, id, requestId, "FAILED");
            assertThat(failed.get("attempts").asInt()).isEqualTo(2);
            assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
            assertThat(sink.received()).hasSize(2);
            assertThat(server.root("GET", BASE + "/" + id + "/deliveries?status=FAILED", null).json().get("items")).hasSize(1);

            sink.always(204);
            TestServer.Answer replay = server.root("POST", BASE + "/" + id + "/replay", "{\"status\":\"FAILED\"}");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.json().get("queued").asInt()).isEqualTo(1);
            JsonNode delivered = awaitDelivery(server, id, requestId, "DELIVERED");
            assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
            assertThat(sink.received()).extracting(x -> x.header("webhook-id")).containsOnly(failed.get("deliveryId").asText());

            TestServer.Answer byId = server.root("POST", BASE + "/" + id + "/replay", "{\"requestIds\":[\"" + requestId + "\"]}");
            assertThat(byId.json().get("queued").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 4);
        }
    }

    @Test
    void aGoneAnswerDisablesTheDestinationWithItsReasonAndLaterEventsAreNotQueuedForIt() {
        try (WebhookSink gone = new WebhookSink().always(410); WebhookSink witness = new WebhookSink()) {
            JsonNode d = webhook(server, gone.url("/gone"), onlyHotel("gone"));
            JsonNode w = webhook(server, witness.url("/witness"), onlyHotel("gone"));
            post(server, "gone-1", "2", "gone", "9933772255");
            await().atMost(Duration.ofSeconds(30)).until(() -> server.root("GET", BASE + "/" + d.get("id").asText(), null)
                    .json().get("status").asText().equals("DISABLED"));
            assertThat(server.root("GET", BASE + "/" + d.get("id").asText(), null).json().get("disabledReason").asText())
                    .contains("410");
            String later = post(server, "gone-2", "2", "gone", "9933772255");
            awaitDelivery(server, w.get("id").asText(), later, "DELIVERED");
            // The witness's delivery was created in the same transaction as any the disabled one would get.
            assertThat(server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries?requestId=" + later, null)
                    .json().get("items")).isEmpty();
            assertThat(gone.received()).hasSize(1);

            TestServer.Answer enabled = server.root("POST", BASE + "/" + d.get("id").asText() + "/enable", null);
            assertThat(enabled.json().get("status").asText()).isEqualTo("ENABLED");
            assertThat(enabled.json().get("disabledReason").isNull()).isTrue();
        }
    }

    @Test
    void theFilterDecidesWhichEventsAreDelivered() {
        try (WebhookSink filtered = new WebhookSink(); WebhookSink witness = new WebhookSink()) {
            JsonNode d = webhook(server, filtered.url("/f"),
                    "\"filter\":\"event.hotel_name == 'filter' && event.room_nights == '12'\"");
            JsonNode w = webhook(server, witness.url("/w"), onlyHotel("filter"));
            String twelve = post(server, "filter-12", "12", "filter", "9933772255");
            String two = post(server, "filter-2", "2", "filter", "9933772255");
            awaitDelivery(server, w.get("id").asText(), twelve, "DELIVERED");
            awaitDelivery(server, w.get("id").asText(), two, "DELIVERED");
            awaitDelivery(server, d.get("id").asText(), twelve, "DELIVERED");
            assertThat(server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries?requestId=" + two, null)
                    .json().get("items")).isEmpty();
            assertThat(filtered.received()).hasSize(1);
        }
    }

    @Test
    void duplicatesAreNotDelivered() {
        try (WebhookSink sink = new WebhookSink()) {
            JsonNode d = webhook(server, sink.url("/dup"), onlyHotel("dup"));
            String first = post(server, "dup-1", "2", "dup", "9933772255");
            String again = post(server, "dup-1", "2", "dup", "9933772255");
            assertThat(DestinationFixture.awaitProcessed(server, again).get("status").asText()).isEqualTo("DUPLICATE");
            String after = post(server, "dup-2", "2", "dup", "9933772255");
            awaitDelivery(server, d.get("id").asText(), after, "DELIVERED");
            awaitDelivery(server, d.get("id").asText(), first, "DELIVERED");
            assertThat(server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries?requestId=" + again, null)
                    .json().get("items")).isEmpty();
            assertThat(sink.received()).hasSize(2);
            assertThat(server.root("GET", "/api/v1/orgs/default/requests/" + again, null).json().get("deliveries")).isEmpty();
        }
    }

    @Test
    void aRotatedSecretSignsNextToTheOldOneAndNeitherIsEverShownAgain() {
        try (WebhookSink sink = new WebhookSink()) {
            JsonNode d = webhook(server, sink.url("/rot"), onlyHotel("rotate") + ",\"headers\":{\"Authorization\":\"Bearer s3cr3t\"}");
            String id = d.get("id").asText();
            String old = d.get("secret").asText();
            TestServer.Answer rotated = server.root("POST", BASE + "/" + id + "/rotate-secret", null);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String current = rotated.json().get("secret").asText();
            assertThat(current).startsWith("whsec_").isNotEqualTo(old);
            assertThat(rotated.json().get("previousSecretValidUntil").isTextual()).isTrue();
            post(server, "rot-1", "2", "rotate", "9933772255");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
            WebhookSink.Received r = sink.received().get(0);
            assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
            for (String secret : List.of(old, current)) {
                assertThat(StandardWebhooksCheck.verifies(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
                        r.body(), r.header("webhook-signature"))).isTrue();
            }
            for (TestServer.Answer a : List.of(server.root("GET", BASE + "/" + id, null), server.root("GET", BASE, null))) {
                assertThat(a.body()).doesNotContain(old).doesNotContain(current).doesNotContain("s3cr3t")
                        .doesNotContain("\"secret\"");
            }
            assertThat(server.root("GET", BASE + "/" + id, null).json().get("headerNames")).extracting(JsonNode::asText)
                    .containsExactly("Authorization");
        }
    }

    @Test
    void aPutChangesTheSettingsAndKeepsHeadersItDoesNotName() {
        try (WebhookSink sink = new WebhookSink()) {
            JsonNode d = webhook(server, sink.url("/put"), onlyHotel("none-yet") + ",\"headers\":{\"X-Key\":\"v1\"}");
            String id = d.get("id").asText();
            JsonNode got = server.root("GET", BASE + "/" + id, null).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) got).put("filter", "event.hotel_name == 'put'");
            TestServer.Answer put = server.root("PUT", BASE + "/" + id, got.toString());
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            post(server, "put-1", "2", "put", "9933772255");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
            assertThat(sink.received().get(0).header("x-key")).isEqualTo("v1");
        }
    }

    @Test
    void invalidDestinationsAreRefusedWithEveryProblemNamed() {
        TestServer.Answer a = server.root("POST", BASE, "{\"name\":\"bad\",\"type\":\"WEBHOOK\",\"url\":\"ftp://x\","
                + "\"events\":[\"be_reserved\",\"nope\"],\"filter\":\"event.room_nights > 2 &&\",\"timeout\":\"soon\","
                + "\"retrySchedule\":[\"5s\",\"-1s\"],\"ordering\":\"RANDOM\",\"maxInFlight\":0,\"headers\":{\"webhook-id\":\"x\"},"
                + "\"colour\":\"blue\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/errors/0/attribute").asText()).isEqualTo("colour");

        TestServer.Answer b = server.root("POST", BASE, "{\"name\":\"bad\",\"type\":\"WEBHOOK\",\"url\":\"ftp://x\","
                + "\"events\":[\"be_reserved\",\"nope\"],\"timeout\":\"soon\",\"retrySchedule\":[\"5s\",\"-1s\"],"
                + "\"ordering\":\"RANDOM\",\"maxInFlight\":0,\"headers\":{\"webhook-id\":\"x\"}}");
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.json().get("status").get("code").asInt()).isEqualTo(2001);
        assertThat(b.json().get("errors")).extracting(e -> e.get("attribute").asText())
                .contains("url", "timeout", "retrySchedule[1]", "ordering", "maxInFlight", "headers");

        TestServer.Answer c = server.root("POST", BASE, "{\"name\":\"bad\",\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:1/\","
                + "\"events\":[\"be_reserved\",\"nope\"],\"filter\":\"event.room_nights > 2 || event.no_such == 1\"}");
        assertThat(c.status()).isEqualTo(400);
        assertThat(c.json().get("errors")).extracting(e -> e.get("code").asText()).contains("UNKNOWN_EVENT", "INVALID_FILTER");
        assertThat(c.body()).contains("no_such");
    }

    @Test
    void unknownDestinationsAndDeliveriesAreNotFoundAndAnotherOrgSeesNone() {
        JsonNode d = webhook(server, "http://127.0.0.1:9/never", onlyHotel("nobody"));
        assertThat(server.root("GET", BASE + "/dst_nope", null).status()).isEqualTo(404);
        assertThat(server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries/dlv_nope/attempts", null).status())
                .isEqualTo(404);
        TestServer.Answer org = server.root("POST", "/api/v1/orgs", "{\"id\":\"other\",\"name\":\"Other\"}");
        String key = org.json().get("apiKey").asText();
        assertThat(server.admin("GET", "/api/v1/orgs/other/destinations/" + d.get("id").asText(), key, null).status())
                .isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/other/destinations", key, null).json().get("items")).isEmpty();
        assertThat(server.admin("GET", BASE, key, null).status()).isEqualTo(404);
        assertThat(server.root("GET", BASE + "/" + d.get("id").asText() + "/deliveries?status=LOST", null).status())
                .isEqualTo(400);
        assertThat(server.root("POST", BASE + "/" + d.get("id").asText() + "/replay", "{}").status()).isEqualTo(400);
    }
}
