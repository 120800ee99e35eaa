package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer data through real HTTP (issue 12 item 14): the org's customers list, and erasing a customer
 * (GDPR) with their stored events, requests and loyalty ledger, while other customers and other orgs
 * keep everything.
 */
class CustomerDataTest {
    private static final String STAY = "{\"name\":\"stay\",\"attributes\":["
            + "{\"name\":\"guest\",\"type\":\"CUSTOMER\",\"required\":true,\"identifierType\":\"EXTERNAL_ID\","
            + "\"addCustomerIfNotExists\":true},"
            + "{\"name\":\"ref\",\"type\":\"STRING\",\"required\":true,\"uniqueKey\":true},"
            + "{\"name\":\"nights\",\"type\":\"INTEGER\"}]}";
    private static TestServer server;
    private static String shopKey;
    private static String rivalKey;
    private static ReadFixture.Hook shopHook;

    @BeforeAll
    static void start() {
        server = TestServer.start(false);
        shopKey = ReadFixture.org(server, "shop");
        rivalKey = ReadFixture.org(server, "rival");
        ReadFixture.event(server, "shop", STAY);
        shopHook = ReadFixture.webhook(server, "shop", true);
        // A test event verifies the draft; once published, events are real and loyalty earns on them.
        ReadFixture.post(server, shopHook, "{\"event_name\":\"stay\",\"guest\":\"verifier\",\"ref\":\"v\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "VERIFIED".equals(
                server.root("GET", "/api/v1/orgs/shop/events/stay", null).json().get("testStatus").asText()));
        ok(server.root("POST", "/api/v1/orgs/shop/events/stay/publish", null), 200);
        ok(server.root("POST", "/api/v1/orgs/shop/loyalty/rules", "{\"name\":\"per stay\",\"event\":\"stay\",\"points\":100}"), 201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCustomersListPagesEveryCustomerOfTheOrgNewestFirstEachShapedLikeTheCustomerRead() {
        String key = ReadFixture.org(server, "listing");
        Set<String> registered = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            registered.add(ok(server.admin("POST", "/api/v1/orgs/listing/customers", key,
                    "{\"identifiers\":[{\"type\":\"USER_ID\",\"value\":\"u" + i + "\"}]}"), 201).get("id").asText());
        }
        ok(server.admin("POST", "/api/v1/orgs/rival/customers", rivalKey,
                "{\"identifiers\":[{\"type\":\"USER_ID\",\"value\":\"u0\"}]}"), 201);

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(server.admin("GET", "/api/v1/orgs/listing/customers?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), key, null), 200);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(items).extracting(i -> i.get("id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(registered);
        List<Instant> created = items.stream().map(i -> Instant.parse(i.get("createdAt").asText())).toList();
        assertThat(created).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
        for (JsonNode item : items) {
            String value = item.get("identifiers").get(0).get("value").asText();
            assertThat(item).isEqualTo(ok(server.admin("GET", "/api/v1/orgs/listing/customers/USER_ID/" + value, key, null), 200));
        }
        assertThat(ok(server.root("GET", "/api/v1/orgs/listing/customers?limit=500", null), 200).get("items")).hasSize(7);
        assertThat(server.admin("GET", "/api/v1/orgs/listing/customers", rivalKey, null).status())
                .as("another org's key").isEqualTo(404);
        assertThat(ok(server.admin("GET", "/api/v1/orgs/rival/customers", rivalKey, null), 200).get("items"))
                .extracting(i -> i.get("id").asText()).doesNotContainAnyElementsOf(registered);
    }

    @Test
    void theCustomersListRefusesUnknownParametersAndBadValuesNamingEach() {
        TestServer.Answer a = server.admin("GET", "/api/v1/orgs/rival/customers?limt=3&limit=0&cursor=bm9wZQ", rivalKey, null);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("errors").findValuesAsText("attribute")).containsExactlyInAnyOrder("limt", "limit", "cursor");
        String logsCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("L1.abc".getBytes());
        assertThat(server.admin("GET", "/api/v1/orgs/rival/customers?cursor=" + logsCursor, rivalKey, null).status())
                .as("another list's cursor").isEqualTo(400);
    }

    @Test
    void erasingACustomerRemovesTheirEventsRequestsAndLedgerAndNothingOfAnyoneElse() {
        String first = post("alice", "a-1");
        String second = post("alice", "a-2");
        String bobs = post("bob", "b-1");
        for (String id : List.of(first, second, bobs)) {
            awaitEvaluated(id);
        }
        String aliceId = ok(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", shopKey, null), 200)
                .get("id").asText();
        assertThat(ok(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice/loyalty", shopKey, null), 200)
                .get("balance").decimalValue()).isPositive();
        assertThat(server.admin("DELETE", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", rivalKey, null).status())
                .as("another org's key erases nothing").isEqualTo(404);

        TestServer.Answer erased = server.admin("DELETE", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", shopKey, null);

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("customerId").asText()).isEqualTo(aliceId);
        JsonNode counts = erased.json().get("erased");
        assertThat(counts.get("events").asInt()).isEqualTo(2);
        assertThat(counts.get("requests").asInt()).isEqualTo(2);
        assertThat(counts.get("ledgerEntries").asInt()).isEqualTo(2);
        assertThat(counts.get("identifiers").asInt()).isEqualTo(1);
        assertThat(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", shopKey, null).status()).isEqualTo(404);
        assertThat(ok(server.admin("GET", "/api/v1/orgs/shop/event-data?customer=EXTERNAL_ID:alice", shopKey, null), 200)
                .get("items")).isEmpty();
        assertThat(server.admin("GET", "/api/v1/orgs/shop/requests/" + first, shopKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/shop/requests/" + second, shopKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice/loyalty", shopKey, null).status())
                .as("the loyalty balance is gone").isEqualTo(404);
        assertThat(ok(server.admin("GET", "/api/v1/orgs/shop/customers", shopKey, null), 200).get("items"))
                .extracting(i -> i.get("id").asText()).doesNotContain(aliceId);

        assertThat(server.admin("GET", "/api/v1/orgs/shop/requests/" + bobs, shopKey, null).status()).isEqualTo(200);
        assertThat(ok(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/bob/loyalty", shopKey, null), 200)
                .get("balance").decimalValue()).isPositive();
        assertThat(server.admin("DELETE", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", shopKey, null).status())
                .as("erased already").isEqualTo(404);

        // A later event for the identifier makes a new customer; the erased event's unique key is free again.
        String again = post("alice", "a-1");
        JsonNode processed = ReadFixture.awaitRequest(server, "shop", again);
        assertThat(processed.get("status").asText()).as(processed.toString()).isEqualTo("PROCESSED");
        assertThat(ok(server.admin("GET", "/api/v1/orgs/shop/customers/EXTERNAL_ID/alice", shopKey, null), 200)
                .get("id").asText()).isNotEqualTo(aliceId);
    }

    @Test
    void erasingWithAnUnknownIdentifierTypeIs400AndAnUnknownCustomer404() {
        TestServer.Answer badType = server.admin("DELETE", "/api/v1/orgs/shop/customers/PHONE/1", shopKey, null);
        assertThat(badType.status()).as(badType.body()).isEqualTo(400);
        assertThat(badType.json().get("errors").findValuesAsText("attribute")).containsExactly("identifierType");
        TestServer.Answer unknown = server.admin("DELETE", "/api/v1/orgs/shop/customers/EXTERNAL_ID/nobody", shopKey, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").get("code").asInt()).isEqualTo(AdminError.NOT_FOUND.code());
    }

    private static String post(String guest, String ref) {
        return ReadFixture.post(server, shopHook, "{\"event_name\":\"stay\",\"guest\":\"" + guest + "\",\"ref\":\"" + ref
                + "\",\"nights\":1}");
    }

    private static void awaitEvaluated(String requestId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/shop/requests/" + requestId, null);
            return a.status() == 200 && a.json().path("loyalty").has("results");
        });
    }

    private static JsonNode ok(TestServer.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a.json();
    }
}
