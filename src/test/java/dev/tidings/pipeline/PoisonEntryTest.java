package dev.tidings.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.LogCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entries that can never be stored are recorded FAILED with the reason and passed, so the events
 * behind them (here another org's) are processed instead of stalling behind a batch retried forever.
 */
class PoisonEntryTest {
    private static final String ORG_A = "org-a";

    @Test
    void poisonEntriesOfOneOrgAreRecordedFailedAndAnotherOrgsEventsBehindThemAreProcessed() throws Exception {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.root("POST", "/api/v1/orgs", "{\"id\":\"" + ORG_A + "\"}").status()).isEqualTo(201);
            String definitionId = server.root("GET", "/api/v1/orgs/default/events/be_reserved", null).json().get("id").asText();
            // Written straight into the log, as a corrupted file, a lost definition version or a record
            // the store refuses would leave them; the intake itself never appends such entries.
            try (Connection log = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("log.db"));
                    PreparedStatement insert = log.prepareStatement("INSERT INTO log_records (payload) VALUES (?)")) {
                insert.setBytes(1, "not a record".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
                insert.setBytes(1, LogCodec.encode(event("poison-unknown-definition", "0".repeat(32), "be_reserved")));
                insert.executeUpdate();
                // A known definition but no event name: the store's NOT NULL refuses it, every time.
                insert.setBytes(1, LogCodec.encode(event("poison-refused", definitionId, null)));
                insert.executeUpdate();
            }
            TestServer.Answer healthy = server.postSeedEvent();
            assertThat(healthy.status()).isEqualTo(200);
            String healthyId = healthy.json().get("requestId").asText();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(status(server, "default", healthyId).path("status").asText()).isEqualTo("PROCESSED"));
            JsonNode unknown = status(server, ORG_A, "poison-unknown-definition");
            assertThat(unknown.path("status").asText()).isEqualTo("FAILED");
            assertThat(unknown.path("reason").asText()).isEqualTo("DEFINITION_NOT_FOUND");
            JsonNode refused = status(server, ORG_A, "poison-refused");
            assertThat(refused.path("status").asText()).isEqualTo("FAILED");
            assertThat(refused.path("reason").asText()).isEqualTo("STORE_REFUSED");
            assertThat(refused.toString()).contains("NOT NULL");
            assertThat(server.root("GET", "/api/v1/orgs/" + ORG_A + "/event-data", null).json().path("items")).isEmpty();
        }
    }

    private static AcceptedEvent event(String requestId, String definitionId, String eventName) {
        return new AcceptedEvent(requestId, ORG_A, TestServer.SEED_WEBHOOK, eventName, definitionId, 1,
                System.currentTimeMillis(), false, "9933772255", null, Map.of("age", 20.0), null, "{}".getBytes());
    }

    private static JsonNode status(TestServer server, String org, String requestId) {
        return server.root("GET", "/api/v1/orgs/" + org + "/requests/" + requestId, null).json();
    }
}
