package dev.tidings.api;

import static dev.tidings.api.ReadFixture.all;
import static dev.tidings.api.ReadFixture.awaitRequest;
import static dev.tidings.api.ReadFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST …/requests/{id}/reprocess} re-runs a FAILED request through the pipeline under its own id:
 * the usual fix is registering the customer an event named, then re-running the event.
 */
class ReprocessTest {
    private static final String ORG = "reprocess";
    private static final String VISIT = """
            {"name":"visit","attributes":[
              {"name":"mobile","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":false},
              {"name":"store","type":"STRING","required":true}]}""";
    private static TestServer server;
    private static String apiKey;
    private static ReadFixture.Hook hook;

    @BeforeAll
    static void start() {
        server = TestServer.start(false);
        apiKey = ReadFixture.org(server, ORG);
        ReadFixture.event(server, ORG, VISIT);
        hook = ReadFixture.webhook(server, ORG, false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFailedRequestRerunsOnceItsCustomerIsRegisteredAndKeepsItsHistory() {
        String requestId = failedVisit("9811100001");

        // Re-run too early: it fails again, and its record tells both runs apart.
        assertThat(reprocess(requestId).status()).isEqualTo(202);
        JsonNode again = awaitStates(requestId, states -> states.contains("REPROCESSING"));
        assertThat(again.get("status").asText()).isEqualTo("FAILED");
        assertThat(again.get("reason").asText()).isEqualTo("NO_CUSTOMER_DETAILS");
        assertThat(stateNames(again)).containsExactly("RECEIVED", "TRANSFORMED", "FAILED", "REPROCESSING", "TRANSFORMED", "FAILED");

        registerCustomer("9811100001");
        TestServer.Answer queued = reprocess(requestId);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().get("reprocess").asText()).isIn("QUEUED", "ALREADY_QUEUED");

        JsonNode processed = awaitStates(requestId, states -> states.get(states.size() - 1).equals("PROCESSED"));
        assertThat(processed.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(stateNames(processed)).startsWith("RECEIVED", "TRANSFORMED", "FAILED", "REPROCESSING")
                .endsWith("CUSTOMER_RESOLVED", "PROCESSED");
        List<JsonNode> events = all(server, ORG, "event-data", "requestId=" + requestId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("attributes").get("store").asText()).isEqualTo("Indiranagar");
    }

    @Test
    void reprocessingAStoredRequestChangesNothing() {
        String requestId = failedVisit("9811100002");
        registerCustomer("9811100002");
        assertThat(reprocess(requestId).status()).isEqualTo(202);
        awaitStates(requestId, states -> states.get(states.size() - 1).equals("PROCESSED"));

        TestServer.Answer second = reprocess(requestId);

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("reprocess").asText()).isEqualTo("NOT_NEEDED");
        assertThat(second.json().get("status").asText()).isEqualTo("PROCESSED");
        assertThat(all(server, ORG, "event-data", "requestId=" + requestId)).hasSize(1);
        assertThat(stateNames(awaitRequest(server, ORG, requestId))).filteredOn("REPROCESSING"::equals).hasSize(1);
    }

    @Test
    void aBodyThatNoLongerPassesTheCurrentDefinitionIsRefusedWithItsProblems() {
        String requestId = failedVisit("9811100003");
        assertThat(server.root("PUT", "/api/v1/orgs/" + ORG + "/events/visit", VISIT.replace(
                "{\"name\":\"store\",\"type\":\"STRING\",\"required\":true}",
                "{\"name\":\"store\",\"type\":\"STRING\",\"required\":true},{\"name\":\"till\",\"type\":\"INTEGER\",\"required\":true}"))
                .status()).isEqualTo(200);
        try {
            TestServer.Answer refused = reprocess(requestId);

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("status").get("code").asInt()).isEqualTo(2015);
            assertThat(refused.json().get("errors").get(0).get("attribute").asText()).isEqualTo("till");
            assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo("REQUIRED");
            assertThat(awaitRequest(server, ORG, requestId).get("status").asText()).isEqualTo("FAILED");
        } finally {
            assertThat(server.root("PUT", "/api/v1/orgs/" + ORG + "/events/visit", VISIT).status()).isEqualTo(200);
        }
    }

    @Test
    void onlyFailedRequestsOfTheOrgCanBeReprocessed() {
        TestServer.Answer rejected = server.postEvent(hook.id(), hook.credential(), "{\"event_name\":\"visit\",\"mobile\":\"9811100004\"}");
        assertThat(rejected.status()).isEqualTo(400);
        String rejectedId = rejected.json().get("requestId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> server.root("GET", "/api/v1/orgs/" + ORG + "/requests/" + rejectedId,
                null).json().path("status").asText().equals("REJECTED"));

        TestServer.Answer notFailed = reprocess(rejectedId);
        assertThat(notFailed.status()).as(notFailed.body()).isEqualTo(409);
        assertThat(notFailed.json().get("status").get("code").asInt()).isEqualTo(2014);
        assertThat(notFailed.json().get("status").get("message").asText()).contains("REJECTED");

        assertThat(reprocess("0190c1e2-7a3b-7c4d-8e5f-0123456789ab").status()).isEqualTo(404);

        // Another org's key does not see this org's request, nor may it re-run it.
        String failed = failedVisit("9811100005");
        String otherKey = ReadFixture.org(server, "reprocess-other");
        TestServer.Answer foreign = server.admin("POST", "/api/v1/orgs/" + ORG + "/requests/" + failed + "/reprocess", otherKey, null);
        assertThat(foreign.status()).isEqualTo(404);
        TestServer.Answer viaOwnOrg = server.admin("POST", "/api/v1/orgs/reprocess-other/requests/" + failed + "/reprocess",
                otherKey, null);
        assertThat(viaOwnOrg.status()).isEqualTo(404);
        TestServer.Answer own = server.admin("POST", "/api/v1/orgs/" + ORG + "/requests/" + failed + "/reprocess", apiKey, null);
        assertThat(own.status()).as(own.body()).isEqualTo(202);
    }

    /** Posts a visit of an unknown customer (accepted: customers are resolved later) and waits for its FAILED. */
    private static String failedVisit(String mobile) {
        String requestId = post(server, hook, "{\"event_name\":\"visit\",\"mobile\":\"" + mobile + "\",\"store\":\"Indiranagar\"}");
        JsonNode failed = awaitRequest(server, ORG, requestId);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("NO_CUSTOMER_DETAILS");
        return requestId;
    }

    private static void registerCustomer(String mobile) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/" + ORG + "/customers",
                "{\"identifiers\":[{\"type\":\"MOBILE\",\"value\":\"" + mobile + "\"}]}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    private static TestServer.Answer reprocess(String requestId) {
        return server.root("POST", "/api/v1/orgs/" + ORG + "/requests/" + requestId + "/reprocess", null);
    }

    private static JsonNode awaitStates(String requestId, java.util.function.Predicate<List<String>> done) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/" + ORG + "/requests/" + requestId, null);
            if (a.status() == 200 && done.test(stateNames(a.json()))) {
                found.set(a.json());
                return true;
            }
            return false;
        });
        return found.get();
    }

    private static List<String> stateNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.get("states").forEach(s -> names.add(s.get("state").asText()));
        return names;
    }
}
