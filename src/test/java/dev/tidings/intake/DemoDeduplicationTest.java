package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.app.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo webhook has the uniqueness check on: the seed's curl sent twice is stored once and once as DUPLICATE. */
class DemoDeduplicationTest {

    @Test
    void theSeedsEventSentTwiceIsADuplicateTheSecondTime() {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.root("GET", "/api/v1/orgs/default/webhooks/" + TestServer.SEED_WEBHOOK, null)
                    .json().get("uniquenessCheck").booleanValue()).isTrue();
            String first = server.postSeedEvent().json().get("requestId").textValue();
            String second = server.postSeedEvent().json().get("requestId").textValue();

            await().atMost(Duration.ofSeconds(20)).until(() -> status(server, second).equals("DUPLICATE"));
            assertThat(status(server, first)).isEqualTo("PROCESSED");
        }
    }

    private static String status(TestServer server, String requestId) {
        TestServer.Answer a = server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null);
        return a.status() == 200 ? a.json().get("status").textValue() : "";
    }
}
