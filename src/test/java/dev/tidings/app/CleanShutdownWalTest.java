package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A clean shutdown leaves no WAL of the store for the next start to read (issue 12 item 15, issue 14). */
class CleanShutdownWalTest {

    @Test
    void aCleanShutdownTruncatesTheStoresWal() throws Exception {
        Path dir = Files.createTempDirectory("tidings-wal");
        Path wal = dir.resolve("tidings.db-wal");
        TestServer server = TestServer.start(dir, true, 32 * 1024);
        try {
            for (int i = 0; i < 300; i++) {
                assertThat(server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL,
                        TestServer.SEED_BODY.replace("RAND121", "W" + i)).status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    server.root("GET", "/api/v1/pipeline", null).json().path("lag").asLong() == 0);
            assertThat(Files.size(wal)).as("the store's WAL while running").isPositive();
        } finally {
            server.close();
        }

        assertThat(Files.exists(wal) ? Files.size(wal) : 0).isZero();
        assertThat(Files.exists(dir.resolve("log.db-wal")) ? Files.size(dir.resolve("log.db-wal")) : 0).isZero();
        try (TestServer restarted = TestServer.start(dir, true, 32 * 1024)) {
            assertThat(TestServer.storedRequestIds(dir)).hasSizeGreaterThanOrEqualTo(300);
        }
    }
}
