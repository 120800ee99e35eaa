package dev.tidings.api;

import static dev.tidings.api.ReadFixture.all;
import static dev.tidings.api.ReadFixture.encode;
import static dev.tidings.api.ReadFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.app.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search filters: DATE attributes and time ranges take every date format the intake takes, {@code test}
 * separates test events from real ones, and a misspelt parameter is refused instead of ignored.
 */
class SearchFiltersTest {
    private static final String STAY = """
            {"name":"stay","attributes":[
              {"name":"mobile","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"stay_date","type":"DATE","required":true}]}""";

    private static TestServer server;
    private static String testEvent;
    private static String realEvent;

    @BeforeAll
    static void postATestAndARealEvent() {
        server = TestServer.start();
        ReadFixture.org(server, "inn");
        ReadFixture.event(server, "inn", STAY);
        ReadFixture.Hook hook = ReadFixture.webhook(server, "inn", false);
        testEvent = ReadFixture.post(server, hook, "{\"event_name\":\"stay\",\"mobile\":\"9000000001\","
                + "\"stay_date\":\"2024-05-01T10:00:00.123Z\",\"eventDateTime\":\"2024-04-11 12:00:00\"}");
        ReadFixture.awaitRequest(server, "inn", testEvent);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                server.root("POST", "/api/v1/orgs/inn/events/stay/publish", null).status() == 200);
        realEvent = ReadFixture.post(server, hook, "{\"event_name\":\"stay\",\"mobile\":\"9000000002\","
                + "\"stay_date\":\"2024-06-01\",\"eventDateTime\":1712923200000}");
        ReadFixture.awaitLogSize(server, "inn", 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDateAttributeFilterTakesTheSameFormatsAsTheIntake() {
        assertThat(ids(all(server, "inn", "event-data", "attr.stay_date=" + encode("2024-05-01T10:00:00.123Z"))))
                .containsExactly(testEvent);
        assertThat(ids(all(server, "inn", "event-data", "attr.stay_date=1714557600123"))).containsExactly(testEvent);
        assertThat(ids(all(server, "inn", "event-data", "eventName=stay&attr.stay_date=" + encode("01-06-2024"))))
                .containsExactly(realEvent);
        assertThat(all(server, "inn", "event-data", "attr.stay_date=2024-05-01")).isEmpty();
    }

    @Test
    void aDateAttributeFilterThatIsNoDateIsA400NamingIt() {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/inn/event-data?attr.stay_date=soon", null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo("attr.stay_date");
    }

    @Test
    void timeRangesTakeTheIntakesDateFormatsToo() {
        assertThat(ids(all(server, "inn", "event-data", "from=" + encode("2024-04-11 12:00:00") + "&to="
                + encode("2024-04-11T12:00:00.001Z")))).containsExactly(testEvent);
    }

    @Test
    void testFiltersSeparateTestEventsFromRealOnes() {
        assertThat(ids(all(server, "inn", "event-data", "test=true"))).containsExactly(testEvent);
        assertThat(ids(all(server, "inn", "event-data", "test=false"))).containsExactly(realEvent);
        assertThat(ids(all(server, "inn", "logs", "test=true"))).containsExactly(testEvent);
        assertThat(ids(all(server, "inn", "logs", "test=false"))).containsExactly(realEvent);
    }

    @Test
    void anUnknownParameterIsA400NamingIt() {
        for (String list : new String[] {"event-data", "logs"}) {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/inn/" + list + "?costumer=MOBILE:9000000001", null);

            assertThat(a.status()).as(list).isEqualTo(400);
            assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo("costumer");
            assertThat(a.json().at("/errors/0/code").textValue()).isEqualTo("UNKNOWN_PARAMETER");
            assertThat(a.json().at("/status/message").textValue()).contains("costumer");
        }
    }

    @Test
    void aTestFilterThatIsNotABooleanIsA400() {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/inn/logs?test=yes", null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo("test");
    }
}
