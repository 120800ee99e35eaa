package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.config.BuildInfo;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator watches: metrics that explain themselves, and a readiness probe that notices a stuck pipeline. */
class OperatorSignalsTest {

    @Test
    void everyMetricHasHelpTextAndTheScrapeShowsLatencyBuildAndUptime() {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            String text = get(server, "/metrics").body();
            List<String> help = text.lines().filter(l -> l.startsWith("# HELP ")).toList();
            assertThat(help).isNotEmpty();
            assertThat(help).allSatisfy(l -> assertThat(l.split(" ", 4)).as(l).hasSize(4)
                    .satisfies(parts -> assertThat(parts[3]).as(l).isNotBlank()));
            assertThat(text).contains("tidings_build{version=\"" + BuildInfo.current().version() + "\"} 1.0");
            assertThat(text).contains("process_uptime_seconds ");
            assertThat(text).containsPattern("tidings_intake_latency_seconds_bucket\\{le=\"0\\.005\"} ");
            assertThat(text).contains("tidings_intake_latency_seconds_count 1\n");
        }
    }

    @Test
    void noGaugeReadsNaNAfterTheJvmCollectedGarbage() {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            // Micrometer holds a gauge's state weakly unless told otherwise: one whose state nothing else
            // references (a lambda) reads NaN once it has been collected.
            System.gc();
            List<String> gauges = get(server, "/metrics").body().lines()
                    .filter(l -> l.startsWith("tidings_") && l.endsWith(" NaN")).toList();
            assertThat(gauges).isEmpty();
        }
    }

    @Test
    void headOnMetricsAnswersWithoutABody() {
        try (TestServer server = TestServer.start()) {
            TestServer.Answer head = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(head.body()).isEmpty();
        }
    }

    /** Someone holds the store's write lock (a backup, a sqlite3 shell): intake still answers 1100, the pipeline cannot store. */
    @Test
    void readinessIs503WithTheReasonWhileThePipelineCannotStoreAndRecovers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestServer.cluster(), "locks the embedded store file");
        try (TestServer server = TestServer.start(true)) {
            assertThat(get(server, "/health/ready").status()).isEqualTo(200);
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("tidings.db"));
                    Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                assertThat(server.postSeedEvent().status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    TestServer.Answer ready = get(server, "/health/ready");
                    assertThat(ready.status()).isEqualTo(503);
                    assertThat(ready.json().path("reason").asText()).startsWith("pipeline is retrying");
                });
                s.execute("ROLLBACK");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(server, "/health/ready").status()).isEqualTo(200));
        }
    }

    /**
     * The pipeline waits for a lock someone else holds and commits nothing while events wait: after 30 s
     * of that (on the server's clock, moved here) readiness says so; the pipeline's own wait for the lock
     * lasts 10 s of real time before it reports a failure, and the probe is read well within it.
     */
    @Test
    void readinessIs503WhenEventsWaitAndNothingWasCommittedFor30Seconds() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestServer.cluster(), "locks the embedded store file");
        MovableClock clock = new MovableClock(java.time.Instant.now());
        try (TestServer server = TestServer.start(clock, true)) {
            assertThat(get(server, "/health/ready").status()).isEqualTo(200);
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("tidings.db"));
                    Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                assertThat(server.postSeedEvent().status()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(31));
                TestServer.Answer ready = get(server, "/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("reason").asText()).matches("pipeline has committed nothing for 3\\d s with 1 entries waiting");
                s.execute("ROLLBACK");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(server, "/health/ready").status()).isEqualTo(200));
        }
    }

    private static TestServer.Answer get(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build());
    }
}
