package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §7 with real processes: two intake nodes and two workers of the packaged jar on one fresh
 * PostgreSQL database and one fresh topic of the run's broker. Under concurrent load spread over both
 * intake nodes, a worker is killed with SIGKILL and replaced, an intake node is killed with SIGKILL
 * (its senders fail over to the other), and the broker is stopped and started again. Afterwards every
 * requestId answered 1100 is PROCESSED or DUPLICATE with exactly one stored event, and no request left
 * unanswered is half stored. Also: one event posted to both intake nodes at once is stored once as
 * itself and once as a duplicate, and a webhook disabled through one intake node is refused by the other.
 */
class ClusterProcessesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "procs";
    private static final String EVENT = "procs_tested";
    private static final int SENDERS = 4;
    private static final int PARTITIONS = 6;
    private static final String DEFINITION = """
            {"name":"procs_tested","attributes":[
              {"name":"customer_id","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"external_event_id","type":"STRING","required":true,"uniqueKey":true},
              {"name":"amount","type":"DOUBLE","required":true}]}""";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ROOT_TOKEN = "procs-root-" + UUID.randomUUID();
    private static final List<Node> STARTED = new CopyOnWriteArrayList<>();
    private static Path runDir;
    private static String postgresUrl;
    private static String topic;

    /** One {@code tidings serve} process this test started, by its handle. */
    private record Node(String name, String role, int port, Process process, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void deployment() throws IOException {
        runDir = Files.createTempDirectory("tidings-procs");
        String name = "procs" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        postgresUrl = PostgresServer.get().createDatabase(name).toUrl();
        topic = "tidings." + name;
        KafkaBroker.get().createTopic(topic, PARTITIONS);
    }

    @AfterAll
    static void stopEverythingStarted() throws InterruptedException {
        for (Node node : STARTED) {
            node.process().destroy();
        }
        for (Node node : STARTED) {
            if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
                node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        // The broker is shared by the run: leave it running, as this test found it.
        KafkaBroker.get().start();
    }

    @Test
    void noAcknowledgedEventIsLostOrDoubledAcrossWorkerIntakeAndBrokerFailures() throws Exception {
        // Started side by side: each JVM's start is mostly single-threaded.
        List<CompletableFuture<Node>> starting = new ArrayList<>();
        for (String[] n : List.of(new String[] {"intake-1", "intake"}, new String[] {"intake-2", "intake"},
                new String[] {"worker-1", "worker"}, new String[] {"worker-2", "worker"})) {
            starting.add(CompletableFuture.supplyAsync(() -> start(n[0], n[1])));
        }
        Node intake1 = starting.get(0).join();
        Node intake2 = starting.get(1).join();
        Node worker1 = starting.get(2).join();
        starting.get(3).join();

        String orgKey = admin(intake1, "POST", "/api/v1/orgs", "{\"id\":\"" + ORG + "\",\"name\":\"Processes\"}", 201)
                .get("apiKey").textValue();
        admin(intake1, "POST", "/api/v1/orgs/" + ORG + "/events", DEFINITION, 201);
        JsonNode hook = admin(intake1, "POST", "/api/v1/orgs/" + ORG + "/webhooks", "{\"uniquenessCheck\":true}", 201);
        String webhookId = hook.get("id").textValue();
        String credential = hook.get("credential").textValue();
        // The webhook was created through node 1; node 2 learns it through the change feed.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> post(intake2, webhookId, credential, body("warm-up", 0)).statusCode() == 200);

        sameEventOnBothIntakeNodesIsStoredOnceAndOnceAsDuplicate(intake1, intake2, webhookId, credential, orgKey);
        webhookDisabledOnOneIntakeNodeIsRefusedByTheOther(intake1, intake2);

        Load load = new Load(webhookId, credential, List.of(intake1, intake2));
        load.start();
        try {
            load.awaitMoreAcknowledged(300);
            kill(worker1);
            System.out.println("ClusterProcessesIT: killed -9 worker-1 after " + load.acknowledged.size() + " acknowledged");
            load.awaitMoreAcknowledged(300);
            start("worker-3", "worker");
            load.awaitMoreAcknowledged(300);
            load.targets.remove(intake2);
            kill(intake2);
            System.out.println("ClusterProcessesIT: killed -9 intake-2 after " + load.acknowledged.size() + " acknowledged");
            load.awaitMoreAcknowledged(300);
            int refusedBefore = load.refused.size() + load.unanswered.size();
            KafkaBroker.get().stop();
            System.out.println("ClusterProcessesIT: broker stopped after " + load.acknowledged.size() + " acknowledged");
            // During the outage the intake refuses (503) or the client sees an error; never 1100.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> load.refused.size() + load.unanswered.size() >= refusedBefore + SENDERS);
            int acknowledgedDuringOutage = load.acknowledged.size();
            KafkaBroker.get().start();
            System.out.println("ClusterProcessesIT: broker started again; refused during the outage: "
                    + (load.refused.size() + load.unanswered.size() - refusedBefore));
            load.awaitMoreAcknowledged(300);
            assertThat(load.acknowledged.size()).isGreaterThan(acknowledgedDuringOutage);
        } finally {
            load.stop();
        }
        assertThat(load.unexpected).as("answers other than 1100 or 503").isEmpty();
        verify(intake1, orgKey, load);
    }

    private void sameEventOnBothIntakeNodesIsStoredOnceAndOnceAsDuplicate(Node a, Node b, String webhookId,
            String credential, String orgKey) {
        String body = body("both-nodes", 1);
        CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> post(a, webhookId, credential, body));
        CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> post(b, webhookId, credential, body));
        List<String> ids = new ArrayList<>();
        for (HttpResponse<String> r : List.of(toA.join(), toB.join())) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            ids.add(json(r.body()).get("requestId").textValue());
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(ids.stream().map(id -> read(a, orgKey, "/requests/" + id).path("status").asText()).sorted().toList())
                        // Both requests in full (states, reason) when it fails: a FAILED one says why.
                        .as(ids.stream().map(id -> read(a, orgKey, "/requests/" + id).toString()).toList().toString())
                        .containsExactly("DUPLICATE", "PROCESSED"));
        System.out.println("ClusterProcessesIT: one event posted to both intake nodes at once: one PROCESSED, one DUPLICATE");
    }

    private void webhookDisabledOnOneIntakeNodeIsRefusedByTheOther(Node a, Node b) throws Exception {
        JsonNode hook = admin(a, "POST", "/api/v1/orgs/" + ORG + "/webhooks", "{\"uniquenessCheck\":true}", 201);
        String id = hook.get("id").textValue();
        String credential = hook.get("credential").textValue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> post(b, id, credential, body("disable-probe", 2)).statusCode() == 200);
        admin(a, "POST", "/api/v1/orgs/" + ORG + "/webhooks/" + id + "/disable", "", 200);
        long disabledAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> post(b, id, credential, body("disable-probe", 2)).statusCode() == 404);
        System.out.printf("ClusterProcessesIT: a webhook disabled through intake-1 answered 404 on intake-2 after %d ms%n",
                (System.nanoTime() - disabledAt) / 1_000_000);
    }

    /** Senders alternating over the live intake nodes; what they saw. */
    private final class Load {
        final String webhookId;
        final String credential;
        final List<Node> targets;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong sequence = new AtomicLong();
        final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);

        Load(String webhookId, String credential, List<Node> targets) {
            this.webhookId = webhookId;
            this.credential = credential;
            this.targets = new CopyOnWriteArrayList<>(targets);
        }

        void start() {
            for (int t = 0; t < SENDERS; t++) {
                int thread = t;
                senders.submit(() -> {
                    int turn = thread;
                    while (!stop.get()) {
                        List<Node> live = List.copyOf(targets);
                        Node node = live.get(turn++ % live.size());
                        long n = sequence.incrementAndGet();
                        send(node, "p-" + n, n);
                    }
                });
            }
        }

        private void send(Node node, String externalId, long n) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/local/webhooks/" + webhookId))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic(credential))
                    .POST(HttpRequest.BodyPublishers.ofString(body(externalId, n))).build();
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode json = json(r.body());
                if (r.statusCode() == 200 && json.at("/status/code").intValue() == 1100) {
                    acknowledged.add(json.get("requestId").textValue());
                } else if (r.statusCode() == 503) {
                    refused.add(externalId);
                } else {
                    unexpected.add(node.name() + " " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                unanswered.add(externalId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitMoreAcknowledged(int more) {
            int target = acknowledged.size() + more;
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> acknowledged.size() >= target);
        }

        void stop() throws InterruptedException {
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    private void verify(Node reader, String orgKey, Load load) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(load.acknowledged);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                pending.parallelStream().filter(id -> settled(reader, orgKey, id)).toList().forEach(pending::remove);
                return pending.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // The counts are printed below either way; the assertion names the missing ids.
        }
        // Everything the log holds is consumed before the unanswered and refused requests are looked at.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> adminGet(reader, "/api/v1/pipeline").path("lag").asLong(-1) == 0);
        int found = load.acknowledged.size() - pending.size();
        List<String> notOnce = new CopyOnWriteArrayList<>();
        load.acknowledged.parallelStream().forEach(id -> {
            int stored = read(reader, orgKey, "/event-data?requestId=" + id).path("items").size();
            if (stored != 1) {
                notOnce.add(id + " stored " + stored + " times");
            }
        });
        List<String> halfWritten = new ArrayList<>();
        int unansweredStored = 0;
        for (String externalId : load.unanswered) {
            JsonNode items = byExternalId(reader, orgKey, externalId);
            if (items.size() > 1 || (items.size() == 1 && !settled(reader, orgKey, items.get(0).path("requestId").asText()))) {
                halfWritten.add(externalId + ": " + items);
            }
            unansweredStored += items.size() == 1 ? 1 : 0;
        }
        List<String> refusedButStored = new ArrayList<>();
        for (String externalId : load.refused) {
            JsonNode items = byExternalId(reader, orgKey, externalId);
            if (items.size() > 0) {
                refusedButStored.add(externalId + ": " + items);
            }
        }
        System.out.printf("ClusterProcessesIT: acknowledged=%d found=%d lost=%d notOnceStored=%d unanswered=%d"
                        + " (stored complete %d) halfWritten=%d refused503=%d refusedButStored=%d%n",
                load.acknowledged.size(), found, pending.size(), notOnce.size(), load.unanswered.size(), unansweredStored,
                halfWritten.size(), load.refused.size(), refusedButStored.size());
        if (!refusedButStored.isEmpty()) {
            System.out.println("ClusterProcessesIT: answered 503 but stored, e.g. " + refusedButStored.stream().limit(3).toList());
        }
        System.out.println("ClusterProcessesIT: pipeline " + adminGet(reader, "/api/v1/pipeline"));
        assertThat(pending).as("acknowledged but not PROCESSED/DUPLICATE, e.g. %s", pending.stream().limit(5).toList()).isEmpty();
        assertThat(notOnce).as("acknowledged requestIds without exactly one stored event, e.g. %s",
                notOnce.stream().limit(5).toList()).isEmpty();
        assertThat(halfWritten).as("unanswered requests stored but not complete").isEmpty();
    }

    private static JsonNode byExternalId(Node reader, String orgKey, String externalId) {
        return read(reader, orgKey, "/event-data?eventName=" + EVENT + "&attr.external_event_id="
                + URLEncoder.encode(externalId, StandardCharsets.UTF_8)).path("items");
    }

    private static boolean settled(Node reader, String orgKey, String requestId) {
        String status = read(reader, orgKey, "/requests/" + requestId).path("status").asText();
        return status.equals("PROCESSED") || status.equals("DUPLICATE");
    }

    private static String body(String externalId, long n) {
        return "{\"event_name\":\"" + EVENT + "\",\"customer_id\":\"99" + (10_000_000 + n % 997)
                + "\",\"external_event_id\":\"" + externalId + "\",\"amount\":\"12.5\"}";
    }

    private static HttpResponse<String> post(Node node, String webhookId, String credential, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/local/webhooks/" + webhookId))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(credential))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    private static JsonNode read(Node node, String token, String orgPath) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/orgs/" + ORG + orgPath))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).GET().build());
        return r.statusCode() == 200 ? json(r.body()) : JSON.createObjectNode();
    }

    private static JsonNode adminGet(Node node, String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ROOT_TOKEN).GET().build());
        return r.statusCode() == 200 ? json(r.body()) : JSON.createObjectNode();
    }

    private static JsonNode admin(Node node, String method, String path, String body, int expected) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ROOT_TOKEN)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
        return json(r.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String basic(String credential) {
        return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts {@code tidings serve --role role} and returns once {@code /health/ready} answers 200. */
    private static Node start(String name, String role) {
        try {
            return startOrThrow(name, role);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Node startOrThrow(String name, String role) throws IOException {
        int port = ChildProcesses.freePort();
        Path dataDir = Files.createDirectories(runDir.resolve(name));
        Path log = runDir.resolve(name + ".log");
        String jar = System.getProperty("tidings.jar", "target/tidings.jar");
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar, "serve", "--role", role,
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--postgres-url", postgresUrl, "--kafka-bootstrap", KafkaBroker.get().bootstrap(),
                "--kafka-topic", topic, "--kafka-partitions", String.valueOf(PARTITIONS), "--kafka-ack-timeout", "3s")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The root token goes through the environment, not the command line, so ps does not show it.
        builder.environment().put("TIDINGS_ADMIN_TOKEN", ROOT_TOKEN);
        Process process = builder.start();
        process.getOutputStream().close();
        Node node = new Node(name, role, port, process, log);
        STARTED.add(node);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(node.url() + "/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        await(name + " ready (log " + log + ")").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof IOException)
                .until(() -> {
                    assertThat(process.isAlive()).as("%s exited:\n%s", name, ChildProcesses.tail(log)).isTrue();
                    return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
        System.out.println("ClusterProcessesIT: " + name + " (" + role + ") ready on " + node.url() + ", pid " + process.pid());
        return node;
    }

    private static void kill(Node node) throws InterruptedException {
        node.process().destroyForcibly();
        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as(node.name() + " ends on SIGKILL").isTrue();
    }

}
