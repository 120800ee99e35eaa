package dev.tidings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --demo and no --cluster the seed's own URL, /eucrm/webhooks/…, works; a wrong segment names the served one. */
class DemoClusterTest {
    @TempDir
    Path dir;

    @Test
    void demoWithoutClusterServesTheSeedsEucrmSegment() {
        assertThat(ServeCommandConfig.parse(new String[] {"--demo"}, Map.of()).cluster()).isEqualTo("eucrm");
        assertThat(ServeCommandConfig.parse(new String[] {}, Map.of()).cluster()).isEqualTo("local");
        assertThat(ServeCommandConfig.parse(new String[] {"--demo", "--cluster", "local"}, Map.of()).cluster())
                .isEqualTo("local");
        assertThat(ServeCommandConfig.parse(new String[] {"--demo"}, Map.of("TIDINGS_CLUSTER", "eu2")).cluster())
                .isEqualTo("eu2");
    }

    @Test
    void theSeedsCurlToEucrmIsAcceptedByADemoServer() {
        try (TestServer server = demoServer()) {
            TestServer.Answer answer = server.send(seedPost(server, "eucrm"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1100);
        }
    }

    @Test
    void aWrongClusterSegmentIsA404ThatNamesTheServedSegment() {
        try (TestServer server = demoServer()) {
            TestServer.Answer answer = server.send(seedPost(server, "local"));

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().at("/status/message").textValue())
                    .contains("/local/").contains("/eucrm/webhooks/");
        }
    }

    private TestServer demoServer() {
        return TestServer.start(ServeCommandConfig.parse(new String[] {"--demo", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.toString(), "--admin-token", TestServer.ROOT_TOKEN}, Map.of()));
    }

    private static HttpRequest seedPost(TestServer server, String cluster) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + cluster + "/webhooks/" + TestServer.SEED_WEBHOOK))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic dGVzdF9kaXY2OWZmZmRkYg==")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.SEED_BODY)).build();
    }
}
