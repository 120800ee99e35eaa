package dev.tidings.api;

import static dev.tidings.api.ReadFixture.all;
import static dev.tidings.api.ReadFixture.encode;
import static dev.tidings.api.ReadFixture.ids;
import static dev.tidings.api.ReadFixture.paged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stored-event search: 25 events an hour apart (event {@code i} at 2024-04-01 i:00 UTC) for three
 * customers, two repeats that become duplicates, and one event of another name.
 */
class EventDataApiTest {
    private static final String VISIT = """
            {"name":"visit","attributes":[
              {"name":"mobile","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"n","type":"INTEGER","required":true},
              {"name":"kind","type":"STRING"},
              {"name":"flag","type":"BOOLEAN"},
              {"name":"score","type":"DOUBLE"},
              {"name":"ref","type":"STRING","required":true,"uniqueKey":true}]}""";
    private static final long APRIL_FIRST = 1711929600000L;
    private static final long HOUR = 3_600_000L;

    private static TestServer server;
    private static String fifth;

    @BeforeAll
    static void postEvents() {
        server = TestServer.start();
        ReadFixture.org(server, "hotel");
        ReadFixture.event(server, "hotel", VISIT);
        ReadFixture.event(server, "hotel", VISIT.replace("\"visit\"", "\"checkout\""));
        ReadFixture.Hook hook = ReadFixture.webhook(server, "hotel", true);
        for (int i = 0; i < 25; i++) {
            String id = ReadFixture.post(server, hook, body("visit", i));
            if (i == 5) {
                fifth = id;
            }
        }
        ReadFixture.post(server, hook, body("visit", 3));
        ReadFixture.post(server, hook, body("visit", 4));
        ReadFixture.post(server, hook, body("checkout", 24));
        ReadFixture.awaitLogSize(server, "hotel", 28);
    }

    private static String body(String name, int i) {
        return "{\"event_name\":\"" + name + "\",\"mobile\":\"90000000" + (i % 3) + "\",\"n\":" + i
                + ",\"kind\":\"" + (i % 2 == 0 ? "even" : "odd") + "\",\"flag\":" + (i % 4 == 0)
                + ",\"score\":" + (i + 0.5) + ",\"ref\":\"r" + i + "\",\"eventDateTime\":\"2024-04-01T00:00:00Z\"}"
                        .replace("00:00:00Z", "%02d:00:00Z".formatted(i % 24)).replace("04-01T", i < 24 ? "04-01T" : "04-02T");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void storedEventsListNewestEventTimeFirst() {
        List<JsonNode> items = all(server, "hotel", "event-data", "");
        assertThat(items).hasSize(28);
        assertThat(items.stream().map(i -> i.get("eventDateTime").asLong()).toList())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void cursorsWalkEveryStoredEventInPagesOfTen() {
        assertThat(ids(paged(server, "hotel", "event-data", "", 10))).isEqualTo(ids(all(server, "hotel", "event-data", "")));
    }

    @Test
    void requestIdFindsOneEvent() {
        List<JsonNode> items = all(server, "hotel", "event-data", "requestId=" + fifth);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("attributes").get("n").asInt()).isEqualTo(5);
        assertThat(items.get(0).get("eventDateTime").asLong()).isEqualTo(APRIL_FIRST + 5 * HOUR);
    }

    @Test
    void eventNameFiltersStoredEvents() {
        assertThat(all(server, "hotel", "event-data", "eventName=checkout")).hasSize(1);
        assertThat(paged(server, "hotel", "event-data", "eventName=visit", 10)).hasSize(27);
    }

    @Test
    void customerFindsEveryEventOfThatCustomerAndAnUnknownOneFindsNothing() {
        List<JsonNode> items = paged(server, "hotel", "event-data", "customer=" + encode("MOBILE:900000000"), 4);
        // i % 3 == 0 for i in 0..24 is 9 events, plus the duplicate of 3 and the checkout of 24.
        assertThat(items).hasSize(11).allMatch(i -> i.get("customer").get("identifierValue").asText().equals("900000000"));
        assertThat(all(server, "hotel", "event-data", "customer=" + encode("MOBILE:911111111"))).isEmpty();
        assertThat(all(server, "hotel", "event-data", "customer=" + encode("EMAIL:900000000"))).isEmpty();
    }

    @Test
    void fromAndToSelectAnEventTimeWindowInIsoOrEpochMilliseconds() {
        List<JsonNode> window = all(server, "hotel", "event-data",
                "eventName=visit&from=" + encode("2024-04-01T10:00:00Z") + "&to=" + (APRIL_FIRST + 13 * HOUR));
        assertThat(window.stream().map(i -> i.get("attributes").get("n").asInt()).toList()).containsExactly(12, 11, 10);
    }

    @Test
    void duplicateSeparatesRepeatsFromFirstSightings() {
        List<JsonNode> duplicates = all(server, "hotel", "event-data", "duplicate=true");
        assertThat(duplicates).hasSize(2).allMatch(i -> i.get("isDuplicate").asBoolean());
        assertThat(duplicates.stream().map(i -> i.get("attributes").get("n").asInt()).toList()).containsExactly(4, 3);
        assertThat(paged(server, "hotel", "event-data", "duplicate=false", 10)).hasSize(26);
    }

    @Test
    void attributeFiltersMatchStringsNumbersAndBooleansByTheirText() {
        assertThat(all(server, "hotel", "event-data", "eventName=visit&duplicate=false&attr.kind=even")).hasSize(13);
        assertThat(all(server, "hotel", "event-data", "attr.n=7")).hasSize(1);
        assertThat(all(server, "hotel", "event-data", "attr.score=7.5")).hasSize(1);
        assertThat(all(server, "hotel", "event-data", "eventName=visit&duplicate=false&attr.flag=true")).hasSize(7);
        assertThat(all(server, "hotel", "event-data", "attr.kind=odd&attr.n=7&attr.ref=r7")).hasSize(1);
        assertThat(all(server, "hotel", "event-data", "attr.kind=odd&attr.n=8")).isEmpty();
        assertThat(all(server, "hotel", "event-data", "attr.nothing=1")).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource({
        "customer, PHONE:1", "customer, 9933772255", "duplicate, maybe", "from, yesterday", "limit, -1",
        "attr.bad-name, 1", "cursor, TDEyMy5hYmM"
    })
    void aBadParameterIsA400NamingIt(String name, String value) {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/hotel/event-data?" + name + "=" + encode(value), null);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("errors").get(0).get("attribute").asText()).isEqualTo(name);
    }
}
