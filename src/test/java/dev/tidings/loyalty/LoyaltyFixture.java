package dev.tidings.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One org with a published event {@code stay} (every attribute type) and a webhook with the uniqueness
 * check on, for the black-box loyalty tests: rules, posts, and waiting for the engine.
 */
final class LoyaltyFixture {
    static final String STAY = "{\"name\":\"stay\",\"attributes\":["
            + "{\"name\":\"guest\",\"type\":\"CUSTOMER\",\"required\":true,\"identifierType\":\"EXTERNAL_ID\","
            + "\"addCustomerIfNotExists\":true},"
            + "{\"name\":\"ref\",\"type\":\"STRING\",\"required\":true,\"uniqueKey\":true},"
            + "{\"name\":\"nights\",\"type\":\"INTEGER\"},"
            + "{\"name\":\"amount\",\"type\":\"DOUBLE\"},"
            + "{\"name\":\"hotel\",\"type\":\"STRING\"},"
            + "{\"name\":\"vip\",\"type\":\"BOOLEAN\"},"
            + "{\"name\":\"tier\",\"type\":\"ENUM\",\"values\":[\"gold\",\"silver\"]},"
            + "{\"name\":\"checkin\",\"type\":\"DATE\"}]}";
    private static final AtomicInteger REFS = new AtomicInteger();

    final TestServer server;
    final String org;
    final String apiKey;
    final String hook;
    final String credential;

    private LoyaltyFixture(TestServer server, String org, String apiKey, String hook, String credential) {
        this.server = server;
        this.org = org;
        this.apiKey = apiKey;
        this.hook = hook;
        this.credential = credential;
    }

    /** A new org (in {@code timezone}, null for the default) with {@code stay} published. */
    static LoyaltyFixture create(TestServer server, String org, String timezone) {
        TestServer.Answer o = server.root("POST", "/api/v1/orgs", "{\"id\":\"" + org + "\""
                + (timezone == null ? "" : ",\"timezone\":\"" + timezone + "\"") + "}");
        assertThat(o.status()).as(o.body()).isEqualTo(201);
        ok(server.root("POST", "/api/v1/orgs/" + org + "/events", STAY), 201);
        TestServer.Answer w = server.root("POST", "/api/v1/orgs/" + org + "/webhooks", "{\"uniquenessCheck\":true}");
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        LoyaltyFixture f = new LoyaltyFixture(server, org, o.json().get("apiKey").asText(), w.json().get("id").asText(),
                w.json().get("credential").asText());
        f.post("{\"guest\":\"verifier\",\"nights\":1}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "VERIFIED".equals(
                server.root("GET", "/api/v1/orgs/" + org + "/events/stay", null).json().get("testStatus").asText()));
        ok(server.root("POST", "/api/v1/orgs/" + org + "/events/stay/publish", null), 200);
        return f;
    }

    /** Posts a {@code stay} (event_name and a fresh ref added) that must get 1100; its request id. */
    String post(String attributes) {
        String body = attributes.replaceFirst("\\{", "{\"event_name\":\"stay\",\"ref\":\"r" + REFS.incrementAndGet() + "\",");
        return postRaw(body);
    }

    String postRaw(String body) {
        TestServer.Answer a = server.postEvent(hook, credential, body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("requestId").asText();
    }

    /** Creates a rule (or milestone) that must be accepted; its id. */
    String rule(String json) {
        return ok(server.root("POST", path("/loyalty/rules"), json), 201).get("id").asText();
    }

    String milestone(String json) {
        return ok(server.root("POST", path("/loyalty/milestones"), json), 201).get("id").asText();
    }

    /** The request once loyalty has evaluated it. */
    JsonNode evaluated(String requestId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestServer.Answer a = server.root("GET", path("/requests/" + requestId), null);
            if (a.status() == 200 && a.json().has("loyalty") && a.json().get("loyalty").has("results")) {
                found.set(a.json());
                return true;
            }
            return false;
        });
        return found.get();
    }

    /** The request once the pipeline has reached a final status. */
    JsonNode processed(String requestId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestServer.Answer a = server.root("GET", path("/requests/" + requestId), null);
            if (a.status() == 200 && !"RECEIVED".equals(a.json().get("status").asText())) {
                found.set(a.json());
                return true;
            }
            return false;
        });
        return found.get();
    }

    /** Points of one rule's award in a request's loyalty section (null when it made none). */
    static BigDecimal awarded(JsonNode request, String ruleId) {
        for (JsonNode a : request.get("loyalty").get("awards")) {
            if (a.get("ruleId").asText().equals(ruleId)) {
                return a.get("points").decimalValue();
            }
        }
        return null;
    }

    static JsonNode result(JsonNode results, String id) {
        for (JsonNode r : results) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + id + " in " + results);
    }

    JsonNode balance(String guest) {
        return ok(server.root("GET", path("/customers/EXTERNAL_ID/" + guest + "/loyalty"), null), 200);
    }

    List<JsonNode> ledger(String guest) {
        List<JsonNode> entries = new ArrayList<>();
        ok(server.root("GET", path("/customers/EXTERNAL_ID/" + guest + "/loyalty/ledger?limit=500"), null), 200)
                .get("items").forEach(entries::add);
        return entries;
    }

    String path(String rest) {
        return "/api/v1/orgs/" + org + rest;
    }

    static JsonNode ok(TestServer.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a.json();
    }

    static String at(String iso) {
        return Instant.parse(iso).toString();
    }
}
