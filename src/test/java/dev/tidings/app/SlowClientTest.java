package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that send a byte at a time are cut off at the request deadline while others are served. */
class SlowClientTest {
    private TestServer server;
    private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void start() {
        server = TestServer.startSeeded(TestServer.limits(32 * 1024, 1000, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        server.close();
    }

    @Test
    void aClientSendingHeadersByteByByteIsDisconnectedWhileOthersAreServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /local/webhooks/" + TestServer.SEED_WEBHOOK + " HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII));
            trickle.scheduleAtFixedRate(() -> write(out, 'a'), 0, 100, TimeUnit.MILLISECONDS);
            CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> readUntilClosed(socket));

            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(ended::isDone);
        }
    }

    @Test
    void aKeepAliveClientTricklingItsSecondRequestIsDisconnectedToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            trickle.scheduleAtFixedRate(() -> write(out, 'a'), 0, 100, TimeUnit.MILLISECONDS);
            CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> readUntilClosed(socket));

            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(ended::isDone);
        }
    }

    @Test
    void aBodySentSlowerThanTheDeadlineIsAnswered408AndCutOffWhileOthersAreServed() throws Exception {
        byte[] body = TestServer.SEED_BODY.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /local/webhooks/" + TestServer.SEED_WEBHOOK + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: " + TestServer.basic(TestServer.SEED_CREDENTIAL) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int[] next = {0};
            trickle.scheduleAtFixedRate(() -> write(out, next[0] < body.length ? (char) body[next[0]++] : ' '),
                    0, 100, TimeUnit.MILLISECONDS);

            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            RawHttp.RawAnswer answer = RawHttp.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("\"code\":1505");
            assertThat(readUntilClosed(socket)).isEqualTo(-1);
        }
    }

    private static void write(OutputStream out, char c) {
        try {
            out.write(c);
            out.flush();
        } catch (IOException closedByServer) {
            throw new IllegalStateException(closedByServer);
        }
    }

    private static int readUntilClosed(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Whatever the server says before closing does not matter here.
            }
            return -1;
        } catch (IOException reset) {
            return -1;
        }
    }
}
