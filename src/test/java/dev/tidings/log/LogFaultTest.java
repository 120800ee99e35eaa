package dev.tidings.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.app.TestServer;
import dev.tidings.embedded.SqliteDatabase;
import dev.tidings.embedded.SqliteEventLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The log cannot write: the intake answers 503 with Retry-After, stores nothing of the refused request,
 * and takes events again by itself once the fault is gone. The full-disk case is {@link FullDiskTest}.
 */
class LogFaultTest {

    @Test
    void aLockedLogIsAnswered503WithRetryAfterStoresNothingAndRecoversWhenTheLockIsReleased() throws Exception {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            TestServer.Answer refused;
            try (Connection lock = open(server.dataDir().resolve("log.db")); Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                refused = server.postSeedEvent();
                s.execute("ROLLBACK");
            }
            TestServer.Answer recovered = server.postSeedEvent();

            assertRefused(refused);
            assertThat(recovered.status()).isEqualTo(200);
            assertThat(recovered.json().path("status").path("code").asInt()).isEqualTo(1100);
            String refusedId = refused.json().path("requestId").asText();
            String recoveredId = recovered.json().path("requestId").asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestServer.storedRequestIds(server.dataDir()).contains(recoveredId));
            assertThat(TestServer.storedRequestIds(server.dataDir())).doesNotContain(refusedId);
        }
    }

    @Test
    void aDeletedLogDatabaseIsAnswered503WithRetryAfterAndTheServerReportsNotReady() throws Exception {
        try (TestServer server = TestServer.start(true)) {
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            Files.delete(server.dataDir().resolve("log.db"));

            TestServer.Answer refused = server.postSeedEvent();

            assertRefused(refused);
            assertThat(server.root("GET", "/health/ready", null).status()).isEqualTo(503);
            assertThat(Files.exists(server.dataDir().resolve("log.db"))).isFalse();
        }
    }

    @Test
    void aFullWriterQueueRefusesAtOnceAndEveryAppendStillCompletes() throws Exception {
        Path file = Files.createTempDirectory("tidings-log").resolve("log.db");
        SqliteEventLog log = new SqliteEventLog(SqliteDatabase.open(file, "log"), 16, new SimpleMeterRegistry());
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        int refusedAtOnce = 0;
        try (Connection lock = open(file); Statement s = lock.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Void> append = log.append(entry("queued-" + i));
                refusedAtOnce += append.isCompletedExceptionally() ? 1 : 0;
                appends.add(append);
            }
            s.execute("ROLLBACK");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appends.stream().allMatch(CompletableFuture::isDone));
        CompletableFuture<Void> afterwards = log.append(entry("afterwards"));
        afterwards.get();
        log.close();

        List<String> stored = TestServer.storedRequestIdsInLog(file);
        System.out.printf("LogFaultTest full queue: appends=%d refused-at-once=%d committed=%d%n",
                appends.size(), refusedAtOnce, stored.size() - 1);
        assertThat(refusedAtOnce).isGreaterThan(0);
        for (int i = 0; i < appends.size(); i++) {
            boolean committed = !appends.get(i).isCompletedExceptionally();
            assertThat(stored.contains("queued-" + i)).as("queued-%d committed=%s", i, committed).isEqualTo(committed);
        }
        assertThat(stored).contains("afterwards");
    }

    static void assertRefused(TestServer.Answer refused) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.json().path("status").path("code").asInt()).isEqualTo(1701);
        assertThat(refused.json().path("status").path("message").asText()).isNotBlank();
    }

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static AcceptedEvent entry(String requestId) {
        return new AcceptedEvent(requestId, "default", "d61233f75191444e73a577bbbd4c26eb", "be_reserved",
                "0123456789abcdef0123456789abcdef", 1, 1712836800000L, true, "9933772255", null, Map.of(), null,
                "{}".getBytes());
    }
}
