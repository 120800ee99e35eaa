package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6, "a kill -9 at any moment loses no event that got 1100": the jar runs as a child process
 * under concurrent load, is killed with SIGKILL at a random moment, restarted on the same data dir,
 * and every acknowledged requestId must end PROCESSED or DUPLICATE with exactly one stored event.
 * Requests that got no answer may be absent, but never half-written. Cycles: {@code tidings.crash.cycles}.
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "crash";
    private static final String EVENT = "crash_tested";
    private static final int SENDERS = 8;
    private static final String DEFINITION = """
            {"name":"crash_tested","attributes":[
              {"name":"customer_id","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"external_event_id","type":"STRING","required":true,"uniqueKey":true},
              {"name":"amount","type":"DOUBLE","required":true}]}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String rootToken = "crash-root-" + UUID.randomUUID();
    private Path dataDir;
    private Process process;
    private String baseUrl;

    @Test
    void noAcknowledgedEventIsLostOrDoubledAcrossRepeatedKills() throws Exception {
        int cycles = Integer.getInteger("tidings.crash.cycles", 5);
        dataDir = Files.createTempDirectory("tidings-crash");
        try {
            startServer(0);
            String orgKey = setUp();
            String[] webhook = createWebhook();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Load load = loadAndKill(webhook[0], webhook[1], cycle);
                startServer(cycle);
                verify(cycle, load, orgKey);
            }
            stopServer();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** What one cycle's senders saw: requestIds answered 1100, and external ids posted without an answer. */
    private record Load(Set<String> acknowledged, Set<String> unanswered) {}

    private Load loadAndKill(String webhookId, String credential, int cycle) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int t = 0; t < SENDERS; t++) {
            senders.submit(() -> {
                while (!stop.get()) {
                    String externalId = "c" + cycle + "-" + sequence.incrementAndGet();
                    post(webhookId, credential, externalId, acknowledged, unanswered);
                }
            });
        }
        // The kill lands after a random number of acknowledgements, with every sender mid-flight.
        int killAfter = ThreadLocalRandom.current().nextInt(100, 1500);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(1))
                .until(() -> acknowledged.size() >= killAfter);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        senders.shutdown();
        assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        return new Load(Set.copyOf(acknowledged), Set.copyOf(unanswered));
    }

    private void post(String webhookId, String credential, String externalId, Set<String> acknowledged,
            Set<String> unanswered) {
        String body = "{\"event_name\":\"" + EVENT + "\",\"customer_id\":\"99" + (10_000_000 + externalId.hashCode() % 1000)
                + "\",\"external_event_id\":\"" + externalId + "\",\"amount\":\"12.5\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/local/webhooks/" + webhookId))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", TestServer.basic(credential))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() == 200 && json.at("/status/code").intValue() == 1100) {
                acknowledged.add(json.get("requestId").textValue());
            } else if (r.statusCode() != 503) {
                throw new AssertionError("unexpected answer " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            unanswered.add(externalId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void verify(int cycle, Load load, String orgKey) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(load.acknowledged());
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                pending.removeIf(id -> settled(orgKey, id));
                return pending.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // The counts are printed below either way; the assertion names the missing ids.
        }
        int found = load.acknowledged().size() - pending.size();
        List<String> doubled = new ArrayList<>();
        for (String id : load.acknowledged()) {
            int stored = get(orgKey, "/event-data?requestId=" + id).path("items").size();
            if (stored != 1) {
                doubled.add(id + " stored " + stored + " times");
            }
        }
        List<String> halfWritten = new ArrayList<>();
        for (String externalId : load.unanswered()) {
            JsonNode items = get(orgKey, "/event-data?eventName=" + EVENT + "&attr.external_event_id="
                    + URLEncoder.encode(externalId, StandardCharsets.UTF_8)).path("items");
            if (items.size() > 1 || (items.size() == 1 && !settled(orgKey, items.get(0).path("requestId").asText()))) {
                halfWritten.add(externalId + ": " + items);
            }
        }
        System.out.printf("crash cycle %d: acknowledged=%d found=%d lost=%d notOnceStored=%d unanswered=%d halfWritten=%d%n",
                cycle, load.acknowledged().size(), found, pending.size(), doubled.size(), load.unanswered().size(),
                halfWritten.size());
        assertThat(pending).as("acknowledged but not PROCESSED/DUPLICATE after restart %d, e.g. %s", cycle,
                pending.stream().limit(5).toList()).isEmpty();
        assertThat(doubled).as("acknowledged requestIds without exactly one stored event, e.g. %s",
                doubled.stream().limit(5).toList()).isEmpty();
        assertThat(halfWritten).as("unanswered requests stored but not complete").isEmpty();
        assertOutboxMatchesEvents(cycle);
    }

    /**
     * The outbox is written in the batch that stores the event: after any crash every stored event has
     * exactly one outbox row (none lost, none doubled) and no row lacks its event.
     */
    private void assertOutboxMatchesEvents(int cycle) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tidings.db").toAbsolutePath());
                Statement s = c.createStatement()) {
            long events = count(s, "SELECT COUNT(*) FROM events");
            long outbox = count(s, "SELECT COUNT(*) FROM outbox");
            long distinct = count(s, "SELECT COUNT(DISTINCT request_id) FROM outbox");
            long withoutRow = count(s, "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
                    + " (SELECT 1 FROM outbox o WHERE o.request_id = e.request_id)");
            System.out.printf("crash cycle %d: events=%d outbox=%d%n", cycle, events, outbox);
            assertThat(withoutRow).as("stored events without an outbox row").isZero();
            assertThat(outbox).as("outbox rows, one per stored event").isEqualTo(events).isEqualTo(distinct);
        } catch (SQLException e) {
            throw new AssertionError("cannot read the store: " + e.getMessage(), e);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirExitsWithCode2AndTheFirstKeepsWorking() throws Exception {
        dataDir = Files.createTempDirectory("tidings-lock");
        startServer(0);
        try {
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    System.getProperty("tidings.jar", "target/tidings.jar"), "serve", "--host", "127.0.0.1", "--port", "0",
                    "--data-dir", dataDir.toString(), "--admin-token", rootToken)
                    .redirectErrorStream(true).start();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("the second process exits").isTrue();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("data directory").contains(dataDir.getFileName().toString()).contains("in use");
            HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).GET().build();
            assertThat(http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            setUp();
        } finally {
            stopServer();
        }
    }

    private boolean settled(String orgKey, String requestId) {
        String status = get(orgKey, "/requests/" + requestId).path("status").asText();
        return status.equals("PROCESSED") || status.equals("DUPLICATE");
    }

    private JsonNode get(String token, String orgPath) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orgs/" + ORG + orgPath))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new AssertionError("read API did not answer " + orgPath, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String setUp() throws Exception {
        JsonNode org = admin("POST", "/api/v1/orgs", "{\"id\":\"" + ORG + "\",\"name\":\"Crash test\"}", 201);
        admin("POST", "/api/v1/orgs/" + ORG + "/events", DEFINITION, 201);
        return org.get("apiKey").textValue();
    }

    private String[] createWebhook() throws Exception {
        JsonNode hook = admin("POST", "/api/v1/orgs/" + ORG + "/webhooks", "{\"uniquenessCheck\":true}", 201);
        return new String[] {hook.get("id").textValue(), hook.get("credential").textValue()};
    }

    private JsonNode admin(String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + rootToken)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private void startServer(int start) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String jar = System.getProperty("tidings.jar", "target/tidings.jar");
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + start + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "serve", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--admin-token", rootToken)
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

    private void stopServer() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("graceful shutdown on SIGTERM").isTrue();
    }
}
