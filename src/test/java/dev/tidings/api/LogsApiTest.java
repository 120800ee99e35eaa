package dev.tidings.api;

import static dev.tidings.api.ReadFixture.all;
import static dev.tidings.api.ReadFixture.encode;
import static dev.tidings.api.ReadFixture.ids;
import static dev.tidings.api.ReadFixture.paged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request log: newest first, every filter, cursor pagination, and 400s that name the bad parameter. */
class LogsApiTest {
    private static final String DEFINITION = """
            {"name":"%s","attributes":[
              {"name":"mobile","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"n","type":"INTEGER","required":true}]}""";
    private static final int EVENTS = 25;
    private static final int REJECTED = 3;

    private static TestServer server;

    @BeforeAll
    static void postEventsAndRejections() {
        server = TestServer.start();
        ReadFixture.org(server, "shop");
        ReadFixture.event(server, "shop", DEFINITION.formatted("visit"));
        ReadFixture.event(server, "shop", DEFINITION.formatted("order"));
        ReadFixture.Hook hook = ReadFixture.webhook(server, "shop", false);
        for (int i = 0; i < EVENTS; i++) {
            ReadFixture.post(server, hook, "{\"event_name\":\"" + (i % 5 == 0 ? "order" : "visit")
                    + "\",\"mobile\":\"90000000" + (i % 3) + "\",\"n\":" + i + "}");
        }
        for (int i = 0; i < REJECTED; i++) {
            TestServer.Answer a = server.postEvent(hook.id(), hook.credential(),
                    "{\"event_name\":\"visit\",\"mobile\":\"9000000000\",\"n\":\"abc\"}");
            assertThat(a.status()).isEqualTo(400);
        }
        ReadFixture.awaitLogSize(server, "shop", EVENTS + REJECTED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLogListsEveryRequestNewestFirst() {
        List<JsonNode> items = all(server, "shop", "logs", "");

        assertThat(ids(items)).hasSize(EVENTS + REJECTED).doesNotHaveDuplicates();
        List<Instant> times = items.stream().map(i -> Instant.parse(i.get("receivedAt").asText())).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void cursorsWalkTheWholeLogInPagesOfTenWithoutGapsOrRepeats() {
        JsonNode first = ReadFixture.list(server, "shop", "logs", "limit=10");
        assertThat(first.get("items")).hasSize(10);
        assertThat(first.get("nextCursor").isTextual()).isTrue();

        assertThat(ids(paged(server, "shop", "logs", "", 10))).isEqualTo(ids(all(server, "shop", "logs", "")));
    }

    @Test
    void theLastPageHasNoNextCursor() {
        JsonNode page = ReadFixture.list(server, "shop", "logs", "limit=500");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void eventNameFiltersTheLog() {
        List<JsonNode> orders = all(server, "shop", "logs", "eventName=order");
        assertThat(orders).hasSize(5).allMatch(i -> i.get("eventName").asText().equals("order"));
    }

    @Test
    void statusFiltersTheLog() {
        List<JsonNode> rejected = all(server, "shop", "logs", "status=REJECTED");
        assertThat(rejected).hasSize(REJECTED).allMatch(i -> i.get("status").asText().equals("REJECTED")
                && i.get("errors").get(0).get("attribute").asText().equals("n"));
        assertThat(all(server, "shop", "logs", "status=PROCESSED")).hasSize(EVENTS);
    }

    @Test
    void filtersCombineAndPageTogether() {
        List<JsonNode> visits = paged(server, "shop", "logs", "eventName=visit&status=PROCESSED", 7);
        assertThat(visits).hasSize(20).allMatch(i -> i.get("eventName").asText().equals("visit")
                && i.get("status").asText().equals("PROCESSED"));
    }

    @Test
    void fromIsInclusiveAndToExclusiveInIsoOrEpochMilliseconds() {
        List<JsonNode> everything = all(server, "shop", "logs", "");
        Instant pivot = Instant.parse(everything.get(everything.size() / 2).get("receivedAt").asText());
        List<String> atOrAfter = ids(everything.stream()
                .filter(i -> !Instant.parse(i.get("receivedAt").asText()).isBefore(pivot)).toList());
        List<String> before = ids(everything.stream()
                .filter(i -> Instant.parse(i.get("receivedAt").asText()).isBefore(pivot)).toList());

        assertThat(ids(all(server, "shop", "logs", "from=" + encode(pivot.toString())))).isEqualTo(atOrAfter);
        assertThat(ids(all(server, "shop", "logs", "from=" + pivot.toEpochMilli()))).isEqualTo(atOrAfter);
        assertThat(ids(all(server, "shop", "logs", "to=" + pivot.toEpochMilli()))).isEqualTo(before);
        assertThat(all(server, "shop", "logs", "from=" + pivot.toEpochMilli() + "&to=" + pivot.toEpochMilli())).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource({
        "limit, 0", "limit, 501", "limit, ten", "from, yesterday", "to, 2024-13-01T00:00:00Z", "status, DONE",
        "cursor, not-a-cursor", "cursor, TDEyeC5hYmM", "eventName, ''"
    })
    void aBadParameterIsA400NamingIt(String name, String value) {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/shop/logs?" + name + "=" + encode(value), null);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("status").get("message").asText()).contains(name);
        assertThat(a.json().get("errors").get(0).get("attribute").asText()).isEqualTo(name);
    }

    @Test
    void aCursorOfEventDataIsRefusedByTheLog() {
        String foreign = Cursors.encode(Cursors.EVENTS, new dev.tidings.store.Cursor(1, "abc"));
        assertThat(server.root("GET", "/api/v1/orgs/shop/logs?cursor=" + foreign, null).status()).isEqualTo(400);
    }
}
