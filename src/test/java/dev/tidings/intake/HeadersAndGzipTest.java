package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 401 names its scheme, 405 its allowed methods; gzip bodies are taken, bounded by their decompressed size. */
class HeadersAndGzipTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMissingCredentialIsA401WithABasicChallenge() {
        TestServer.Answer answer = server.postEvent(TestServer.SEED_WEBHOOK, null, TestServer.SEED_BODY);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"tidings\"");
    }

    @Test
    void aWrongMethodOnTheWebhookIsA405ThatSaysPostIsAllowed() {
        TestServer.Answer answer = server.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK)).GET().build());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.raw().headers().firstValue("Allow")).hasValue("POST");
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1403);
    }

    @Test
    void aWrongMethodOnAnAdminResourceListsEveryMethodOfThatPath() {
        TestServer.Answer answer = server.root("DELETE", "/api/v1/orgs/default/events/be_reserved", null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.raw().headers().firstValue("Allow")).hasValue("GET, PUT");
    }

    @Test
    void aGzipBodyIsDecompressedAndAccepted() throws IOException {
        TestServer.Answer answer = server.send(gzipPost(gzip(TestServer.SEED_BODY.getBytes(StandardCharsets.UTF_8))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1100);
    }

    @Test
    void aGzipBodyWhoseDecompressedSizeIsOverTheLimitIs413() throws IOException {
        // 1 MiB of spaces compresses to about a kilobyte: only the decompressed size can be held to the limit.
        byte[] padded = (TestServer.SEED_BODY.substring(0, TestServer.SEED_BODY.length() - 1) + " ".repeat(1 << 20) + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] compressed = gzip(padded);
        assertThat(compressed.length).isLessThan(32 * 1024);

        TestServer.Answer answer = server.send(gzipPost(compressed));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1501);
    }

    private static HttpRequest gzipPost(byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
