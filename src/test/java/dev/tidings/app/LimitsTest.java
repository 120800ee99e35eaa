package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured limits take effect: smaller body, nesting and header limits, and the connection cap. */
class LimitsTest {
    private static final String REQUEST = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void smallerBodyNestingAndHeaderLimitsAreEnforced() throws IOException {
        ServerConfig.Limits limits = new ServerConfig.Limits(1024, 4, 2048, 100, 64, Duration.ofSeconds(30));
        try (TestServer server = TestServer.start(Files.createTempDirectory("tidings-limits"), true, limits)) {
            String big = TestServer.SEED_BODY.replace("Indiranagar", "x".repeat(2000));
            String deep = TestServer.SEED_BODY.replace("\"age\":20", "\"age\":[[[[[1]]]]]");
            String header = "POST /local/webhooks/" + TestServer.SEED_WEBHOOK + " HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "a".repeat(3000) + "\r\nContent-Length: 0\r\n\r\n";

            assertThat(server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, big).status()).isEqualTo(413);
            TestServer.Answer tooDeep = server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, deep);
            assertThat(tooDeep.status()).isEqualTo(400);
            assertThat(tooDeep.json().path("status").path("code").asInt()).isEqualTo(1207);
            assertThat(RawHttp.exchange(server.port(), header).status()).isEqualTo(431);
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndAFreedSlotIsUsableAgain() throws IOException {
        try (TestServer server = TestServer.startSeeded(TestServer.limits(32 * 1024, 2, Duration.ofSeconds(30)));
                Socket first = new Socket("127.0.0.1", server.port());
                Socket second = new Socket("127.0.0.1", server.port())) {
            assertThat(ask(first).status()).isEqualTo(200);
            assertThat(ask(second).status()).isEqualTo(200);

            try (Socket third = new Socket("127.0.0.1", server.port())) {
                assertThat(ask(third).answered()).as("third connection answered").isFalse();
            }
            first.close();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                try (Socket again = new Socket("127.0.0.1", server.port())) {
                    assertThat(ask(again).status()).isEqualTo(200);
                }
            });
            assertThat(ask(second).status()).as("the kept connection still works").isEqualTo(200);
        }
    }

    private static RawHttp.RawAnswer ask(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return RawHttp.read(in);
        } catch (IOException closed) {
            return new RawHttp.RawAnswer(-1, Map.of(), "", true);
        }
    }
}
