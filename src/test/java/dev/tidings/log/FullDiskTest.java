package dev.tidings.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tidings.app.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A full file system under the data directory: the intake answers 503 with Retry-After, stores nothing
 * of the refused request, and takes events again once space is freed. Needs root to mount a small tmpfs;
 * skipped elsewhere.
 */
class FullDiskTest {

    @Test
    void aFullDiskIsAnswered503WithRetryAfterAndTheIntakeRecoversWhenSpaceIsFreed() throws Exception {
        Path mount = Files.createTempDirectory("tidings-tmpfs");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
        try (TestServer server = TestServer.start(mount.resolve("data"), true, 32 * 1024)) {
            Path filler = mount.resolve("filler");
            fill(filler);
            TestServer.Answer refused = null;
            for (int i = 0; i < 5000 && refused == null; i++) {
                TestServer.Answer answer = server.postSeedEvent();
                assertThat(answer.status()).isIn(200, 503);
                refused = answer.status() == 503 ? answer : null;
            }
            assertThat(refused).as("a 503 once the disk is full").isNotNull();
            LogFaultTest.assertRefused(refused);
            String refusedId = refused.json().path("requestId").asText();

            Files.delete(filler);

            String[] recoveredId = new String[1];
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestServer.Answer answer = server.postSeedEvent();
                assertThat(answer.status()).isEqualTo(200);
                recoveredId[0] = answer.json().path("requestId").asText();
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestServer.storedRequestIds(server.dataDir()).contains(recoveredId[0]));
            assertThat(TestServer.storedRequestIds(server.dataDir())).doesNotContain(refusedId);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left: exactly the state wanted.
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }
}
