package dev.tidings.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A batch the log cannot take is one 503 and stores none of its events; an Idempotency-Key answered 503
 * is not remembered, so the retry runs for real.
 */
class BatchLogFaultTest {
    private static final String BATCH = "[" + TestServer.SEED_BODY.replace("RAND121", "F1") + ","
            + TestServer.SEED_BODY.replace("RAND121", "F2") + "]";

    private static TestServer.Answer batch(TestServer server, String key) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK + "/batch"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL))
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BATCH)).build());
    }

    @Test
    void aLockedLogAnswersTheWholeBatch503StoresNoneOfItAndTheSameKeyRunsAgainOnceTheLogIsBack() throws Exception {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            TestServer.Answer refused;
            try (Connection lock = LogFaultTest.open(server.dataDir().resolve("log.db")); Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                refused = batch(server, "retry-me");
                s.execute("ROLLBACK");
            }

            LogFaultTest.assertRefused(refused);
            assertThat(refused.json().has("results")).isFalse();
            assertThat(TestServer.storedRequestIds(server.dataDir())).doesNotContain(refused.json().path("requestId").asText());
            int before = TestServer.storedRequestIds(server.dataDir()).size();

            TestServer.Answer retried = batch(server, "retry-me");

            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(retried.json().path("accepted").asInt()).isEqualTo(2);
            assertThat(TestServer.storedRequestIds(server.dataDir())).hasSize(before + 2);
        }
    }
}
