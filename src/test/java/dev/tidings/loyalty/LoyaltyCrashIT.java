package dev.tidings.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §10, "exactly one award per (rule, requestId) whatever crashes happen": the jar runs as a child
 * process with two active rules on the demo event; several customers post events while the server is
 * killed with SIGKILL mid-stream (some requests already awarded, others not yet evaluated, posts still
 * arriving). After a restart on the same data dir every acknowledged request must show exactly one award
 * per rule, each customer's ledger exactly one EARN per (acknowledged request, rule), and each balance the
 * sum of its ledger.
 */
class LoyaltyCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "default";
    private static final int CUSTOMERS = 5;
    /** Events posted before the kill, at the least; the posters go on until the kill. */
    private static final int MIN_BEFORE_KILL = 300;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String rootToken = "loyalty-crash-" + UUID.randomUUID();
    private volatile Process process;
    private volatile String baseUrl;

    @Test
    void everyAcknowledgedRequestEarnsExactlyOncePerRuleAcrossAKill() throws Exception {
        Path dataDir = Files.createTempDirectory("tidings-loyalty-crash");
        ExecutorService posters = Executors.newFixedThreadPool(CUSTOMERS);
        try {
            start(dataDir, 0);
            publish();
            String flat = rule("{\"name\":\"flat\",\"event\":\"be_reserved\",\"points\":10}");
            String byAge = rule("{\"name\":\"by age\",\"event\":\"be_reserved\",\"points\":\"event.age * 2.0\"}");
            List<String> rules = List.of(flat, byAge);

            // Acknowledged requests (200 with a requestId) in posting order, and each one's customer and age.
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            Map<String, String> customerOf = new ConcurrentHashMap<>();
            Map<String, Integer> ageOf = new ConcurrentHashMap<>();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger unanswered = new AtomicInteger();
            AtomicInteger seq = new AtomicInteger();
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "993377220" + c;
                posters.submit(() -> {
                    while (!killed.get()) {
                        int n = seq.incrementAndGet();
                        int age = 18 + n % 60;
                        try {
                            String id = post(customer, "crash-" + n, age);
                            customerOf.put(id, customer);
                            ageOf.put(id, age);
                            acknowledged.add(id);
                        } catch (IOException | RuntimeException e) {
                            // The kill cut this one off: it may or may not have been stored.
                            unanswered.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Mid-stream: enough posted, the engine has awarded some of them, and not (yet) the newest.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                    acknowledged.size() >= MIN_BEFORE_KILL && awarded(acknowledged.get(MIN_BEFORE_KILL / 10)));
            String newest = acknowledged.get(acknowledged.size() - 1);
            boolean newestAwarded = awarded(newest);
            killed.set(true);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            posters.shutdown();
            assertThat(posters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            List<String> acked = new ArrayList<>(acknowledged);
            System.out.printf("loyalty crash: %d acknowledged, %d cut off by the kill, newest awarded before the kill: %s%n",
                    acked.size(), unanswered.get(), newestAwarded);
            assertThat(newestAwarded).as("the kill came with evaluations pending").isFalse();

            start(dataDir, 1);
            // Every acknowledged request evaluated (requests once evaluated stay so: walk on from the last seen).
            AtomicInteger done = new AtomicInteger();
            Map<String, JsonNode> loyaltyOf = new HashMap<>();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                while (done.get() < acked.size()) {
                    String id = acked.get(done.get());
                    JsonNode r = request(id);
                    if (r == null || !r.has("loyalty") || !r.get("loyalty").has("results")) {
                        return false;
                    }
                    loyaltyOf.put(id, r.get("loyalty"));
                    done.incrementAndGet();
                }
                return true;
            });

            // Each acknowledged request: exactly one award per rule, with the points of that rule.
            for (String id : acked) {
                JsonNode awards = loyaltyOf.get(id).get("awards");
                Map<String, Integer> perRule = new HashMap<>();
                awards.forEach(a -> perRule.merge(a.get("ruleId").asText(), 1, Integer::sum));
                assertThat(perRule).as("awards of %s: %s", id, awards).containsOnlyKeys(rules).allSatisfy((r, n) ->
                        assertThat(n).as("awards of rule %s on %s", r, id).isEqualTo(1));
                for (JsonNode a : awards) {
                    BigDecimal expected = a.get("ruleId").asText().equals(flat) ? BigDecimal.TEN
                            : BigDecimal.valueOf(2L * ageOf.get(id));
                    assertThat(a.get("points").decimalValue()).as("points of %s on %s", a, id).isEqualByComparingTo(expected);
                }
            }

            // Each customer's ledger: exactly one EARN per (acknowledged request, rule); at most one more per
            // rule for the post the kill cut off (stored but never answered); the balance is the ledger's sum.
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "993377220" + c;
                List<JsonNode> ledger = ledger(customer);
                Map<String, Integer> earns = new HashMap<>();
                Map<String, Integer> unknown = new HashMap<>();
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode e : ledger) {
                    assertThat(e.get("type").asText()).as("entry %s", e).isEqualTo("EARN");
                    String requestId = e.get("requestId").asText();
                    String ruleId = e.get("ruleId").asText();
                    assertThat(rules).contains(ruleId);
                    if (customerOf.containsKey(requestId)) {
                        assertThat(customerOf.get(requestId)).isEqualTo(customer);
                        earns.merge(requestId + "/" + ruleId, 1, Integer::sum);
                    } else {
                        unknown.merge(ruleId, 1, Integer::sum);
                    }
                    sum = sum.add(e.get("points").decimalValue());
                }
                List<String> mine = acked.stream().filter(id -> customer.equals(customerOf.get(id))).toList();
                assertThat(mine).isNotEmpty();
                Map<String, Integer> expected = new HashMap<>();
                mine.forEach(id -> rules.forEach(r -> expected.put(id + "/" + r, 1)));
                assertThat(earns).as("EARN entries of %s per request/rule", customer).isEqualTo(expected);
                assertThat(unknown.values()).as("EARN entries of %s for unanswered posts", customer).allMatch(n -> n <= 1);
                JsonNode balance = admin("GET", path("/customers/MOBILE/" + customer + "/loyalty"), null, 200);
                assertThat(balance.get("balance").decimalValue()).as("balance of %s", customer).isEqualByComparingTo(sum);
                assertThat(balance.get("totalEarned").decimalValue()).as("earned by %s", customer).isEqualByComparingTo(sum);
            }
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            posters.shutdownNow();
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void publish() throws Exception {
        post("9933772255", "verify", 30);
        await().atMost(Duration.ofSeconds(60)).until(() -> "VERIFIED".equals(
                admin("GET", path("/events/be_reserved"), null, 200).path("testStatus").asText()));
        admin("POST", path("/events/be_reserved/publish"), "{}", 200);
    }

    private String rule(String json) throws Exception {
        JsonNode r = admin("POST", path("/loyalty/rules"), json, 201);
        assertThat(r.get("status").asText()).isEqualTo("ACTIVE");
        return r.get("id").asText();
    }

    /** Whether the request has been evaluated with at least one award. */
    private boolean awarded(String requestId) throws Exception {
        JsonNode r = request(requestId);
        return r != null && r.has("loyalty") && r.get("loyalty").has("awards") && !r.get("loyalty").get("awards").isEmpty();
    }

    private JsonNode request(String requestId) throws Exception {
        HttpResponse<String> r = send("GET", path("/requests/" + requestId), null);
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private List<JsonNode> ledger(String customer) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin("GET", path("/customers/MOBILE/" + customer + "/loyalty/ledger?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))), null, 200);
            page.get("items").forEach(entries::add);
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return entries;
    }

    private String post(String customer, String externalId, int age) throws Exception {
        String body = "{\"event_name\":\"be_reserved\",\"customer_id\":\"" + customer + "\",\"age\":" + age
                + ",\"external_event_id\":\"" + externalId + "\",\"hotel_name\":\"Crash\",\"room_nights\":\"2\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/local/webhooks/" + TestServer.SEED_WEBHOOK))
                .header("Content-Type", "application/json").header("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("post answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("requestId").asText();
    }

    private static String path(String rest) {
        return "/api/v1/orgs/" + ORG + rest;
    }

    private JsonNode admin(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + rootToken)
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start(Path dataDir, int n) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + n + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("tidings.jar", "target/tidings.jar"), "serve", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--data-dir", dataDir.toString(), "--admin-token", rootToken, "--demo", "--cluster", "local")
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
