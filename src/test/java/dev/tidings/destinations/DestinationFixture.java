package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import dev.tidings.config.ServerConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Steps the destination black-box tests share, on the demo org: its {@code be_reserved} published (a
 * test event verifies it first), events posted through the seed's webhook (uniqueness check on), and
 * destinations created through the admin API.
 */
public final class DestinationFixture {
    public static final String ORG = "default";
    public static final String BASE = "/api/v1/orgs/" + ORG + "/destinations";
    public static final ServerConfig.Destinations ALLOW_LOOPBACK =
            new ServerConfig.Destinations(true, ServerConfig.Destinations.DEFAULT_DISABLE_AFTER, null);

    private DestinationFixture() {}

    public static TestServer start() {
        return TestServer.start(true, ALLOW_LOOPBACK);
    }

    /** Posts a test event to the draft, waits for VERIFIED and publishes; returns the test event's requestId. */
    public static String publishSeedEvent(TestServer server) {
        String testRequest = post(server, "verify-1", "2");
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFIED".equals(
                server.root("GET", "/api/v1/orgs/" + ORG + "/events/be_reserved", null).json().path("testStatus").asText()));
        TestServer.Answer published = server.root("POST", "/api/v1/orgs/" + ORG + "/events/be_reserved/publish", null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return testRequest;
    }

    /** A be_reserved event with this unique external id; returns its requestId. */
    public static String post(TestServer server, String externalId, String roomNights) {
        return post(server, externalId, roomNights, "Indiranagar", "9933772255");
    }

    /** A be_reserved event at this hotel for this customer (a mobile number). */
    public static String post(TestServer server, String externalId, String roomNights, String hotel, String customer) {
        String body = "{\"event_name\":\"be_reserved\",\"customer_id\":\"" + customer + "\",\"age\":30,"
                + "\"external_event_id\":\"" + externalId + "\",\"hotel_name\":\"" + hotel + "\",\"room_nights\":\""
                + roomNights + "\"}";
        TestServer.Answer a = server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("requestId").asText();
    }

    /** Creates a destination (201 expected) and returns the answer, secret included. */
    public static JsonNode create(TestServer server, String body) {
        TestServer.Answer a = server.root("POST", BASE, body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    public static JsonNode webhook(TestServer server, String url, String more) {
        return create(server, "{\"name\":\"sink\",\"type\":\"WEBHOOK\",\"url\":\"" + url + "\",\"events\":[\"*\"]"
                + (more.isEmpty() ? "" : "," + more) + "}");
    }

    /** The destination's deliveries of one request once there is one with {@code status}. */
    public static JsonNode awaitDelivery(TestServer server, String destinationId, String requestId, String status) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = server.root("GET", BASE + "/" + destinationId + "/deliveries?requestId=" + requestId, null)
                    .json().path("items");
            if (items.size() == 1 && items.get(0).path("status").asText().equals(status)) {
                found.set(items.get(0));
                return true;
            }
            return false;
        });
        return found.get();
    }

    /** The request's status once the pipeline settled it. */
    public static JsonNode awaitProcessed(TestServer server, String requestId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/" + ORG + "/requests/" + requestId, null);
            String s = a.status() == 200 ? a.json().path("status").asText() : "";
            if (s.equals("PROCESSED") || s.equals("DUPLICATE")) {
                found.set(a.json());
                return true;
            }
            return false;
        });
        return found.get();
    }
}
