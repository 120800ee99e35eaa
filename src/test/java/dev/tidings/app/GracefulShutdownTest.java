package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Closing the server under load loses nothing it acknowledged: after a restart every 1100 is on disk. */
class GracefulShutdownTest {

    @Test
    void everyAcknowledgedEventIsStoredAfterAShutdownUnderLoadAndARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("tidings-shutdown");
        TestServer server = TestServer.start(dataDir, true, 32 * 1024);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            senders.submit(() -> {
                for (int i = 0; ; i++) {
                    String body = TestServer.SEED_BODY.replace("RAND121", "T" + thread + "-" + i);
                    try {
                        TestServer.Answer answer = server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, body);
                        if (answer.status() == 200) {
                            acknowledged.add(answer.json().path("requestId").asText());
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IllegalStateException connectionFailed) {
                        failed.incrementAndGet();
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);

        server.close();
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        System.out.printf("GracefulShutdownTest: acknowledged=%d refused=%d connection-failures=%d%n",
                acknowledged.size(), refused.get(), failed.get());

        try (TestServer restarted = TestServer.start(dataDir, true, 32 * 1024)) {
            assertThat(TestServer.storedRequestIds(dataDir)).containsAll(acknowledged);
            assertThat(restarted.postSeedEvent().status()).isEqualTo(200);
        }
    }
}
