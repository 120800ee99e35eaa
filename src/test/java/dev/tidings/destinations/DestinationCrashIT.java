package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §9, "delivery state survives kill -9": the jar runs as a child process delivering to a real
 * sink, is killed with SIGKILL while most deliveries are still pending (some in flight), restarted on
 * the same data dir, and every processed event must then reach the sink and be DELIVERED; none lost.
 */
class DestinationCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String rootToken = "dest-crash-" + UUID.randomUUID();
    private Process process;
    private String baseUrl;

    @Test
    void everyDeliveryPendingAtAKillIsDeliveredAfterTheRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("tidings-dest-crash");
        try (WebhookSink sink = new WebhookSink()) {
            start(dataDir, 0);
            publish();
            JsonNode d = admin("POST", "/api/v1/orgs/default/destinations", "{\"name\":\"crash\",\"type\":\"WEBHOOK\",\"url\":\""
                    + sink.url("/crash") + "\",\"events\":[\"*\"],\"maxInFlight\":2,\"timeout\":\"2s\"}", 201);
            String id = d.get("id").asText();
            Set<String> acknowledged = new LinkedHashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                acknowledged.add(post("crash-" + i));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.received().size() >= 20);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int beforeRestart = sink.received().size();
            System.out.printf("destination crash: %d of %d received before the kill%n", beforeRestart, EVENTS);
            assertThat(beforeRestart).as("the kill came with deliveries pending").isLessThan(EVENTS);

            start(dataDir, 1);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                    admin("GET", "/api/v1/orgs/default/destinations/" + id + "/deliveries?status=DELIVERED&limit=500", null, 200)
                            .get("items").size() == EVENTS);
            Set<String> received = new HashSet<>();
            sink.received().forEach(r -> received.add(r.json().at("/event/requestId").asText()));
            assertThat(received).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(admin("GET", "/api/v1/orgs/default/destinations/" + id + "/deliveries?status=PENDING", null, 200)
                    .get("items")).isEmpty();
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void publish() throws Exception {
        post("verify");
        await().atMost(Duration.ofSeconds(60)).until(() -> "VERIFIED".equals(
                admin("GET", "/api/v1/orgs/default/events/be_reserved", null, 200).path("testStatus").asText()));
        admin("POST", "/api/v1/orgs/default/events/be_reserved/publish", "{}", 200);
    }

    private String post(String externalId) throws Exception {
        String body = "{\"event_name\":\"be_reserved\",\"customer_id\":\"9933772255\",\"age\":30,\"external_event_id\":\""
                + externalId + "\",\"hotel_name\":\"Crash\",\"room_nights\":\"2\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/local/webhooks/" + TestServer.SEED_WEBHOOK))
                .header("Content-Type", "application/json").header("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("requestId").asText();
    }

    private JsonNode admin(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + rootToken)
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private void start(Path dataDir, int n) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + n + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("tidings.jar", "target/tidings.jar"), "serve", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--data-dir", dataDir.toString(), "--admin-token", rootToken, "--demo", "--cluster", "local",
                "--allow-private-destinations")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        baseUrl = "http://127.0.0.1:" + port;
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof IOException)
                .until(() -> {
                    assertThat(process.isAlive()).as("server exited; see %s", output).isTrue();
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }
}
