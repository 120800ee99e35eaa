package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.config.ServerConfig;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-pipeline-lag}: with the pipeline paused, events beyond the limit are refused with the
 * 503 shape of DESIGN §3 and {@code Retry-After}, and once the pipeline catches up they are taken again.
 */
class BackPressureTest {
    private static final long MAX_LAG = 20;

    @Test
    void answers503WithRetryAfterWhileThePipelineIsBehindAndTakesEventsAgainOnceItCaughtUp() throws Exception {
        var dir = Files.createTempDirectory("tidings-backpressure");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, "local", null, TestServer.ROOT_TOKEN, true,
                TestServer.limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7),
                TestServer.deployment(dir), new ServerConfig.Performance(MAX_LAG, 2, 4));
        try (TestServer server = TestServer.start(config)) {
            assertThat(server.root("POST", "/api/v1/pipeline/pause", "{}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    server.root("GET", "/api/v1/pipeline", null).json().path("paused").asBoolean());

            int accepted = 0;
            TestServer.Answer refused = null;
            // The lag is measured every 200 ms, so a few events beyond the limit may get in first.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (refused == null && System.nanoTime() < deadline) {
                TestServer.Answer a = server.postSeedEvent();
                if (a.status() == 200) {
                    assertThat(a.json().at("/status/code").asInt()).isEqualTo(1100);
                    accepted++;
                } else {
                    refused = a;
                }
            }
            assertThat(refused).as("a 503 once the lag passed %d", MAX_LAG).isNotNull();
            assertThat(accepted).isGreaterThan((int) MAX_LAG);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.json().at("/status/code").asInt()).isEqualTo(1702);
            assertThat(refused.json().at("/status/message").asText()).contains("--max-pipeline-lag 20");
            assertThat(refused.json().path("errors").isArray()).isTrue();

            assertThat(server.root("POST", "/api/v1/pipeline/resume", "{}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestServer.Answer a = server.postSeedEvent();
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.json().at("/status/code").asInt()).isEqualTo(1100);
            });
        }
    }
}
