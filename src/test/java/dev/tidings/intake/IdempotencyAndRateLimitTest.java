package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key and per-webhook rateLimit (DESIGN §8) through the real server. */
class IdempotencyAndRateLimitTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestServer.Answer single(String key, String body) {
        return IntakeCalls.post(server, "/local/webhooks/" + TestServer.SEED_WEBHOOK, "application/json",
                Map.of("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL), "Idempotency-Key", key),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRepeatWithTheSameKeyAndBodyGetsTheFirstAnswerAgainAndAppendsNothing() {
        String body = IntakeCalls.seedEvent("IDEM-1");
        TestServer.Answer first = single("key-1", body);
        TestServer.Answer repeat = single("key-1", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        IntakeCalls.storedEvent(server, first.json().path("requestId").asText());
        assertThat(server.root("GET", "/api/v1/orgs/default/event-data?attr.external_event_id=IDEM-1", null).json()
                .path("items")).hasSize(1);
    }

    @Test
    void aRejectedAnswerIsReplayedTooAndABatchRepeatGetsTheSameRequestIds() {
        String invalid = IntakeCalls.seedEvent("IDEM-2").replace("\"age\":20", "\"age\":\"x\"");
        TestServer.Answer first = single("key-2", invalid);
        String batch = "[" + IntakeCalls.seedEvent("IDEM-3") + "," + IntakeCalls.seedEvent("IDEM-4") + "]";
        Map<String, String> headers = Map.of("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL), "Idempotency-Key", "batch-1");
        TestServer.Answer batchFirst = IntakeCalls.post(server, IntakeCalls.BATCH, "application/json", headers, batch.getBytes());
        TestServer.Answer batchRepeat = IntakeCalls.post(server, IntakeCalls.BATCH, "application/json", headers, batch.getBytes());

        assertThat(single("key-2", invalid).body()).isEqualTo(first.body());
        assertThat(first.status()).isEqualTo(400);
        assertThat(batchRepeat.body()).isEqualTo(batchFirst.body());
        assertThat(batchRepeat.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void theSameKeyWithADifferentBodyIs422AndAKeyOver255CharactersIs400() {
        single("key-3", IntakeCalls.seedEvent("IDEM-5"));

        TestServer.Answer other = single("key-3", IntakeCalls.seedEvent("IDEM-6"));
        TestServer.Answer tooLong = single("k".repeat(256), IntakeCalls.seedEvent("IDEM-7"));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("status").path("code").asInt()).isEqualTo(1405);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("status").path("code").asInt()).isEqualTo(1209);
    }

    @Test
    void aRepeatWhileTheFirstIsInFlightIs409() throws Exception {
        String body = IntakeCalls.seedEvent("IDEM-8");
        // Another node holds the key: its claim is in the shared store, not answered yet.
        String fingerprint = dev.tidings.intake.Idempotency.fingerprint("single", body.getBytes(StandardCharsets.UTF_8));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("intake-keys.db"));
                java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO intake_keys (scope, key, fingerprint, claimed_at)"
                        + " VALUES (?, 'key-4', ?, ?)")) {
            ps.setString(1, "idempotency:" + TestServer.SEED_WEBHOOK);
            ps.setString(2, fingerprint);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }

        TestServer.Answer repeat = single("key-4", body);

        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.json().path("status").path("code").asInt()).isEqualTo(1404);
    }

    @Test
    void beyondTheWebhooksRateLimitTheAnswerIs429WithRetryAfterAndABatchCountsItsEvents() {
        String credential = "rate-limit-credential-0123";
        TestServer.Answer created = server.root("POST", "/api/v1/orgs/default/webhooks",
                "{\"credential\":\"" + credential + "\",\"rateLimit\":5}");
        assertThat(created.json().path("rateLimit").asInt()).isEqualTo(5);
        String id = created.json().path("id").asText();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(IntakeCalls.seedEvent("RL-" + i));
        }
        Map<String, String> auth = Map.of("Authorization", TestServer.basic(credential));

        TestServer.Answer batch = IntakeCalls.post(server, "/local/webhooks/" + id + "/batch", "application/x-ndjson", auth,
                String.join("\n", events).getBytes());
        TestServer.Answer next = IntakeCalls.post(server, "/local/webhooks/" + id, "application/json", auth,
                IntakeCalls.seedEvent("RL-next").getBytes());

        assertThat(batch.status()).isEqualTo(200);
        assertThat(next.status()).isEqualTo(429);
        assertThat(next.json().path("status").path("code").asInt()).isEqualTo(1601);
        assertThat(Long.parseLong(next.raw().headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(5);
        assertThat(server.postSeedEvent().status()).as("another webhook is not limited").isEqualTo(200);
    }
}
