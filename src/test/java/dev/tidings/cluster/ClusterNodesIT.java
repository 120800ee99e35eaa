package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.ClusterDeployments;
import dev.tidings.app.TestServer;
import dev.tidings.config.Deployment;
import dev.tidings.config.ServerConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster deployment (one PostgreSQL database, one topic), in process: what one node
 * changes the other enforces, concurrent conflicting writes give one success and one 409, and the same
 * event posted to both at once is stored once as itself and once as a duplicate.
 */
class ClusterNodesIT {
    private static final String HOOK = TestServer.SEED_WEBHOOK;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void startTwoNodes() throws Exception {
        Deployment deployment = ClusterDeployments.fresh();
        a = TestServer.start(config(deployment, true));
        b = TestServer.start(config(ClusterDeployments.sameAs(deployment, Deployment.Role.ALL), false));
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    private static ServerConfig config(Deployment d, boolean demo) throws Exception {
        return new ServerConfig("127.0.0.1", 0, Files.createTempDirectory("tidings-node"), "local", null,
                TestServer.ROOT_TOKEN, demo, TestServer.limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7), d);
    }

    @Test
    void aWebhookDisabledOnOneNodeIsRefusedByTheOtherWithinSeconds() {
        await().atMost(Duration.ofSeconds(10)).until(() -> b.postSeedEvent().status() == 200);
        assertThat(a.root("POST", "/api/v1/orgs/default/webhooks/" + HOOK + "/disable", null).status()).isEqualTo(200);
        long disabledAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> b.postSeedEvent().status() == 404);
        System.out.printf("ClusterNodesIT: a disable on node A took effect on node B after %d ms%n",
                (System.nanoTime() - disabledAt) / 1_000_000);
    }

    @Test
    void aRotatedCredentialStopsWorkingOnTheOtherNode() {
        await().atMost(Duration.ofSeconds(10)).until(() -> b.postSeedEvent().status() == 200);
        assertThat(a.root("POST", "/api/v1/orgs/default/webhooks/" + HOOK + "/rotate", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> b.postSeedEvent().status() == 401);
    }

    @Test
    void concurrentConflictingEditsOfOneDefinitionGiveOneSuccessAndOne409() throws Exception {
        String path = "/api/v1/orgs/default/events/be_reserved";
        JsonNode definition = a.root("GET", path, null).json();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.root("GET", path, null).status() == 200);
        List<CompletableFuture<Integer>> edits = new ArrayList<>();
        for (TestServer node : List.of(a, b)) {
            String body = definition.toString().replace("\"Room reserved\"", "\"Edited on " + node.port() + "\"");
            edits.add(CompletableFuture.supplyAsync(() -> node.root("PUT", path, body).status()));
        }
        List<Integer> statuses = edits.stream().map(CompletableFuture::join).sorted().toList();
        // Both may succeed one after the other when the second saw the first's version in time; never a 500.
        assertThat(statuses).allMatch(s -> s == 200 || s == 409);
        assertThat(statuses).contains(200);
        assertThat(a.root("GET", path, null).json().path("version").asInt())
                .isEqualTo(definition.path("version").asInt() + (int) statuses.stream().filter(s -> s == 200).count());
    }

    @Test
    void theSameEventPostedToBothNodesAtOnceIsStoredOnceAsItselfAndOnceAsADuplicate() {
        // The demo webhook checks uniqueness on external_event_id.
        await().atMost(Duration.ofSeconds(10)).until(() -> b.postSeedEvent().status() == 200);
        String body = TestServer.SEED_BODY.replace("RAND121", "both-nodes");
        CompletableFuture<TestServer.Answer> toA = CompletableFuture.supplyAsync(
                () -> a.postEvent(HOOK, TestServer.SEED_CREDENTIAL, body));
        CompletableFuture<TestServer.Answer> toB = CompletableFuture.supplyAsync(
                () -> b.postEvent(HOOK, TestServer.SEED_CREDENTIAL, body));
        List<String> ids = List.of(toA.join().json().get("requestId").asText(), toB.join().json().get("requestId").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> statuses = ids.stream()
                    .map(id -> a.root("GET", "/api/v1/orgs/default/requests/" + id, null).json().path("status").asText())
                    .sorted().toList();
            assertThat(statuses).containsExactly("DUPLICATE", "PROCESSED");
        });
    }
}
