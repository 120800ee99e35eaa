package dev.tidings.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import static org.awaitility.Awaitility.await;
import java.time.Duration;

/** Real HTTP calls to the ways in of DESIGN §8, for the black-box tests. */
final class IntakeCalls {
    static final String BATCH = "/local/webhooks/" + TestServer.SEED_WEBHOOK + "/batch";

    private IntakeCalls() {}

    static String seedEvent(String externalId) {
        return TestServer.SEED_BODY.replace("RAND121", externalId);
    }

    static TestServer.Answer post(TestServer server, String path, String contentType, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return server.send(b.build());
    }

    /** A batch to the seed's webhook with the seed's credential. */
    static TestServer.Answer batch(TestServer server, String contentType, String body) {
        return post(server, BATCH, contentType, Map.of("Authorization", TestServer.basic(TestServer.SEED_CREDENTIAL)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored event of a request in the demo org, once the pipeline has stored it. */
    static JsonNode storedEvent(TestServer server, String requestId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = server.root("GET", "/api/v1/orgs/default/event-data?requestId=" + requestId, null).json().path("items");
            found[0] = items.size() == 1 ? items.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    /** The request as the log shows it, once it shows the given status. */
    static JsonNode request(TestServer server, String org, String requestId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TestServer.Answer a = server.root("GET", "/api/v1/orgs/" + org + "/requests/" + requestId, null);
            found[0] = a.status() == 200 ? a.json() : null;
            return found[0] != null && status.equals(found[0].path("status").asText());
        });
        return found[0];
    }
}
