package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.tidings.app.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segment's own SDKs, unchanged, pointed at a Tidings webhook: the Java library (its upload URL) and the
 * Node library (host and path, driven by {@code src/test/node/sdk-send.mjs}). What each sends is stored
 * with the right attributes and customer.
 */
class SegmentSdksTest {
    private static final Path NODE_DIR = Path.of("src/test/node");
    private static TestServer server;
    private static String webhook;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
        webhook = server.root("POST", "/api/v1/orgs/default/webhooks", "{\"credential\":\"" + SegmentApiTest.WRITE_KEY + "\"}")
                .json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void segmentsJavaLibraryDeliversATrackStoredWithItsPropertiesAndUserIdAsCustomerAndAnIdentify() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Analytics analytics = Analytics.builder(SegmentApiTest.WRITE_KEY)
                .setUploadURL(server.baseUrl() + "/local/webhooks/" + webhook + "/v1/import")
                .flushQueueSize(10)
                .build();
        analytics.enqueue(IdentifyMessage.builder().userId("java-" + run).traits(Map.of("email", "java-" + run + "@example.com")));
        analytics.enqueue(TrackMessage.builder("be_reserved").userId("9933772255")
                .properties(Map.of("age", 27, "external_event_id", "JAVA-" + run, "hotel_name", "Java Lodge", "room_nights", "2")));
        analytics.flush();
        analytics.shutdown();

        JsonNode stored = storedByExternalId("JAVA-" + run);
        assertThat(stored.path("customer").path("identifierValue").asText()).contains("9933772255");
        assertThat(stored.path("attributes").path("hotel_name").asText()).isEqualTo("Java Lodge");
        assertThat(stored.path("attributes").path("age").asDouble()).isEqualTo(27.0);
        assertThat(stored.path("attributes").path("room_nights").asText()).isEqualTo("2");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                server.root("GET", "/api/v1/orgs/default/customers/USER_ID/java-" + run, null).status() == 200);
    }

    @Test
    void segmentsNodeLibraryDeliversATrackAndAnIdentifyAndItsPageIsRecordedAsUnsupported() throws Exception {
        assertThat(NODE_DIR.resolve("node_modules/@segment/analytics-node")).as(
                "Segment's Node SDK is not installed: run `npm ci --prefix src/test/node` (.ci/run does)").exists();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path output = Files.createTempFile("sdk-node", ".log");
        Process node = new ProcessBuilder("node", "sdk-send.mjs", server.baseUrl(), "/local/webhooks/" + webhook + "/v1/batch",
                SegmentApiTest.WRITE_KEY, run)
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as(Files.readString(output, StandardCharsets.UTF_8)).isZero();
        JsonNode stored = storedByExternalId("NODE-" + run);
        assertThat(stored.path("customer").path("identifierValue").asText()).contains("9933772255");
        assertThat(stored.path("attributes").path("hotel_name").asText()).isEqualTo("Node Inn");
        assertThat(stored.path("attributes").path("room_nights").asText()).isEqualTo("3");
        assertThat(stored.path("eventDateTime").asLong()).isEqualTo(1712836800000L);
        JsonNode customer = server.root("GET", "/api/v1/orgs/default/customers/USER_ID/node-" + run, null).json();
        assertThat(customer.path("identifiers").findValuesAsText("type")).contains("USER_ID", "EMAIL", "MOBILE");
        assertThat(server.root("GET", "/api/v1/orgs/default/logs?status=REJECTED&limit=100", null).json()
                .path("items").findValuesAsText("code")).contains("UNSUPPORTED_CALL");
    }

    private static JsonNode storedByExternalId(String externalId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode items = server.root("GET", "/api/v1/orgs/default/event-data?attr.external_event_id=" + externalId, null)
                    .json().path("items");
            found[0] = items.size() == 1 ? items.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }
}
