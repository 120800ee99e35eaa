package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Steps the read-API tests share: set up an org with an event and a webhook, post, and wait for the pipeline. */
final class ReadFixture {
    static final String SEED_WEBHOOK = "d61233f75191444e73a577bbbd4c26eb";
    static final String SEED_CREDENTIAL = "test_div69fffddb";

    private ReadFixture() {}

    record Hook(String id, String credential) {}

    /** Creates an org and returns its API key. */
    static String org(TestServer server, String id) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("apiKey").asText();
    }

    static void event(TestServer server, String org, String definitionJson) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/" + org + "/events", definitionJson);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    static Hook webhook(TestServer server, String org, boolean uniquenessCheck) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/" + org + "/webhooks",
                "{\"uniquenessCheck\":" + uniquenessCheck + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return new Hook(a.json().get("id").asText(), a.json().get("credential").asText());
    }

    /** Posts an event that must be accepted and returns its request id. */
    static String post(TestServer server, Hook hook, String body) {
        TestServer.Answer a = server.postEvent(hook.id(), hook.credential(), body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("requestId").asText();
    }

    static Hook seedHook() {
        return new Hook(SEED_WEBHOOK, SEED_CREDENTIAL);
    }

    /** The request once the pipeline has recorded it (until then it reads RECEIVED: read-your-writes). */
    static JsonNode awaitRequest(TestServer server, String org, String requestId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/" + org + "/requests/" + requestId, null);
            if (a.status() == 200 && !a.json().path("status").asText().equals("RECEIVED")) {
                found.set(a.json());
                return true;
            }
            return false;
        });
        return found.get();
    }

    /** Waits until the org's log holds {@code count} requests. */
    static void awaitLogSize(TestServer server, String org, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> all(server, org, "logs", "").size() == count);
    }

    /** GET of a list with the root token; the answer must be 200. */
    static JsonNode list(TestServer server, String org, String resource, String query) {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/" + org + "/" + resource + "?" + query, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    /** Every item of a list in one page of the largest size. */
    static List<JsonNode> all(TestServer server, String org, String resource, String query) {
        return items(list(server, org, resource, "limit=500&" + query));
    }

    /** Every item, following cursors page by page. */
    static List<JsonNode> paged(TestServer server, String org, String resource, String query, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = list(server, org, resource, "limit=" + limit + "&" + query
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            items.addAll(items(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    static List<String> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.get("requestId").asText()).toList();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
