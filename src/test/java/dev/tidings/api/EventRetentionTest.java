package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.MovableClock;
import dev.tidings.app.TestServer;
import dev.tidings.config.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --event-retention} through real HTTP: the minutely housekeeping deletes stored events (and their
 * request records) once their event time and receipt are older than the retention, and keeps newer
 * events and the loyalty ledger. The server's clock is moved forward instead of waiting a month; the
 * test waits (at most a little over a minute) for the housekeeping's next run.
 */
class EventRetentionTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static final String STAY = "{\"name\":\"stay\",\"attributes\":["
            + "{\"name\":\"guest\",\"type\":\"CUSTOMER\",\"required\":true,\"identifierType\":\"EXTERNAL_ID\","
            + "\"addCustomerIfNotExists\":true}]}";
    private static TestServer server;
    private static ReadFixture.Hook hook;

    @BeforeAll
    static void start() {
        server = TestServer.start(new ServerConfig.CustomerData(Duration.ofDays(30)), CLOCK);
        ReadFixture.org(server, "keep");
        ReadFixture.event(server, "keep", STAY);
        hook = ReadFixture.webhook(server, "keep", false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsOlderThanTheRetentionAreDeletedWithTheirRequestsAndNewerOnesStay() {
        String old = ReadFixture.post(server, hook, "{\"event_name\":\"stay\",\"guest\":\"g1\",\"eventDateTime\":\"2026-03-01 08:00:00\"}");
        ReadFixture.awaitRequest(server, "keep", old);
        ok(server.root("POST", "/api/v1/orgs/keep/customers/EXTERNAL_ID/g1/loyalty/adjustments",
                "{\"points\":25,\"reason\":\"goodwill\"}"), 201);
        assertThat(items("event-data")).isEqualTo(1);

        CLOCK.advance(Duration.ofDays(31));
        String recent = ReadFixture.post(server, hook, "{\"event_name\":\"stay\",\"guest\":\"g1\"}");
        ReadFixture.awaitRequest(server, "keep", recent);

        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
                .until(() -> server.root("GET", "/api/v1/orgs/keep/requests/" + old, null).status() == 404);
        JsonNode events = ok(server.root("GET", "/api/v1/orgs/keep/event-data", null), 200);
        assertThat(events.get("items")).extracting(e -> e.get("requestId").asText()).containsExactly(recent);
        assertThat(ok(server.root("GET", "/api/v1/orgs/keep/logs", null), 200).get("items"))
                .extracting(r -> r.get("requestId").asText()).containsExactly(recent);
        assertThat(server.root("GET", "/api/v1/orgs/keep/requests/" + recent, null).status()).isEqualTo(200);
        assertThat(ok(server.root("GET", "/api/v1/orgs/keep/customers/EXTERNAL_ID/g1/loyalty/ledger", null), 200)
                .get("items")).as("the ledger is kept").hasSize(1);
    }

    private static int items(String list) {
        return ok(server.root("GET", "/api/v1/orgs/keep/" + list, null), 200).get("items").size();
    }

    private static JsonNode ok(TestServer.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a.json();
    }
}
