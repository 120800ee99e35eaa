package dev.tidings.api;

import static dev.tidings.api.ReadFixture.awaitRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request id the intake answered is readable at once (DESIGN §3), before the pipeline reaches it: the
 * pipeline is paused so "at once" cannot be won by a fast pipeline. On the cluster deployment such a
 * request may instead answer 404 REQUEST_PENDING, never a plain not found.
 */
class ReadYourWritesTest {
    private static final String INVALID = "{\"event_name\":\"be_reserved\",\"customer_id\":\"9933772255\",\"age\":\"abc\","
            + "\"external_event_id\":\"X1\",\"hotel_name\":\"H\",\"room_nights\":\"12\"}";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void resume() {
        assertThat(server.root("POST", "/api/v1/pipeline/resume", null).status()).isEqualTo(200);
    }

    @Test
    void anAcceptedRequestReadsReceivedWithItsBodyBeforeThePipelineHasIt() {
        assertThat(server.root("POST", "/api/v1/pipeline/pause", null).status()).isEqualTo(200);
        String body = TestServer.SEED_BODY.replace("RAND121", "RYW-accepted");
        TestServer.Answer posted = server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, body);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String requestId = posted.json().get("requestId").asText();

        TestServer.Answer read = server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null);
        if (TestServer.cluster() && read.status() == 404) {
            assertThat(read.json().path("errors").get(0).path("code").asText()).isEqualTo("REQUEST_PENDING");
        } else {
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            JsonNode r = read.json();
            assertThat(r.get("status").asText()).isEqualTo("RECEIVED");
            assertThat(r.get("states")).hasSize(1);
            assertThat(r.get("states").get(0).get("state").asText()).isEqualTo("RECEIVED");
            assertThat(r.get("eventName").asText()).isEqualTo("be_reserved");
            assertThat(r.get("body").asText()).isEqualTo(body);
        }
        resume();
        assertThat(awaitRequest(server, "default", requestId).get("status").asText()).isEqualTo("PROCESSED");
    }

    @Test
    void aRejectedRequestReadsRejectedWithItsErrorsAndBodyRightAfterThe400() {
        assertThat(server.root("POST", "/api/v1/pipeline/pause", null).status()).isEqualTo(200);
        TestServer.Answer posted = server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, INVALID);
        assertThat(posted.status()).isEqualTo(400);
        String requestId = posted.json().get("requestId").asText();

        TestServer.Answer read = server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null);
        if (TestServer.cluster() && read.status() == 404) {
            assertThat(read.json().path("errors").get(0).path("code").asText()).isEqualTo("REQUEST_PENDING");
        } else {
            assertRejectedWithBody(read);
        }
        // Once the pipeline has stored it, the body is still shown (kept within the retention).
        resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> ReadFixture.ids(ReadFixture.all(server, "default", "logs",
                "status=REJECTED")).contains(requestId));
        assertRejectedWithBody(server.root("GET", "/api/v1/orgs/default/requests/" + requestId, null));
    }

    private static void assertRejectedWithBody(TestServer.Answer read) {
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode r = read.json();
        assertThat(r.get("status").asText()).isEqualTo("REJECTED");
        assertThat(r.get("errors").get(0).get("attribute").asText()).isEqualTo("age");
        assertThat(r.get("errors").get(0).get("code").asText()).isEqualTo("WRONG_TYPE");
        assertThat(r.path("body").asText()).isEqualTo(INVALID);
    }

    @Test
    void anIdNobodyWasGivenIsPlainlyNotFoundOnceThePipelineIsCaughtUp() {
        TestServer.Answer read = server.root("GET", "/api/v1/orgs/default/requests/0190aaaa-0000-7000-8000-000000000000", null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().path("status").path("code").asInt()).isEqualTo(2004);
    }
}
