package dev.tidings.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.app.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Positions restart in a new log file; the pipeline must not skip its first entries as already done. */
class RecreatedLogTest {
    private static final String WEBHOOK = "d61233f75191444e73a577bbbd4c26eb";
    private static final String CREDENTIAL = "test_div69fffddb";

    @Test
    void eventsOfARecreatedLogAreProcessedFromItsStart() throws IOException {
        Path dir = Files.createTempDirectory("tidings-relog");
        try (TestServer server = TestServer.start(dir, true, 32 * 1024)) {
            for (int i = 0; i < 3; i++) {
                awaitProcessed(server, post(server, "before-" + i));
            }
        }
        for (String f : new String[] {"log.db", "log.db-wal", "log.db-shm"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        try (TestServer server = TestServer.start(dir, true, 32 * 1024)) {
            awaitProcessed(server, post(server, "after"));
        }
    }

    private static String post(TestServer server, String externalId) {
        TestServer.Answer a = server.postEvent(WEBHOOK, CREDENTIAL, "{\"event_name\":\"be_reserved\",\"age\":20,"
                + "\"customer_id\":\"9933772255\",\"external_event_id\":\"" + externalId + "\","
                + "\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\"}");
        assertThat(a.status()).isEqualTo(200);
        return a.json().get("requestId").asText();
    }

    private static void awaitProcessed(TestServer server, String requestId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TestServer.Answer r = server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("PROCESSED");
        });
    }
}
