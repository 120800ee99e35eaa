package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's curl, byte for byte but for the host, against a server started with --demo. */
class SeedCurlTest {
    // Exactly the --data of seed/post-event.md, newlines included.
    private static final String SEED_BODY = """
            {
            "age":20,
            "customer_id":"9933772255",
            "event_name":"be_reserved",
            "external_event_id":"RAND121",
            "hotel_name":"Indiranagar",
            "room_nights":"12",
            "eventDateTime":"2024-04-11 12:00:00"
            }""";
    private static final String SEED_AUTHORIZATION = "Basic dGVzdF9kaXY2OWZmZmRkYg==";
    private static final String SEED_PATH = "/local/webhooks/d61233f75191444e73a577bbbd4c26eb";

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
    void theSeedCurlIsAnsweredExactlyLikeTheSeedsResponse() {
        TestServer.Answer answer = server.send(seedCurl(SEED_PATH));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertIsTheSeedsSuccess(answer.json());
    }

    @Test
    void everyAnswerCarriesAFreshRequestId() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestServer.Answer answer = server.send(seedCurl(SEED_PATH));
            assertThat(answer.status()).isEqualTo(200);
            ids.add(answer.json().get("requestId").textValue());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theSeedsTrailingSlashUrlIsAcceptedToo() {
        TestServer.Answer answer = server.send(seedCurl(SEED_PATH + "/"));

        assertThat(answer.status()).isEqualTo(200);
        assertIsTheSeedsSuccess(answer.json());
    }

    private static void assertIsTheSeedsSuccess(JsonNode json) {
        assertThat(json.properties()).extracting(e -> e.getKey()).containsExactly("status", "requestId");
        JsonNode status = json.get("status");
        assertThat(status.properties()).extracting(e -> e.getKey()).containsExactly("code", "message");
        assertThat(status.get("code").isInt()).isTrue();
        assertThat(status.get("code").intValue()).isEqualTo(1100);
        assertThat(status.get("message").textValue()).isEqualTo("Event is pushed to transformation state");
        assertThat(json.get("requestId").isTextual()).isTrue();
        String requestId = json.get("requestId").textValue();
        assertThatCode(() -> UUID.fromString(requestId)).doesNotThrowAnyException();
        assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
    }

    private static HttpRequest seedCurl(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", SEED_AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(SEED_BODY))
                .build();
    }
}
