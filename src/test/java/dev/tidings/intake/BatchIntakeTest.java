package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch endpoint of DESIGN §8 through the real server: per-event results in order, one commit, its answers. */
class BatchIntakeTest {
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
    void aMixedJsonArrayAcceptsTheValidEventsAndRejectsTheInvalidOneWithItsOwnErrorsInInputOrder() {
        String invalid = IntakeCalls.seedEvent("B2").replace("\"age\":20", "\"age\":\"abc\"");
        TestServer.Answer answer = IntakeCalls.batch(server, "application/json",
                "[" + IntakeCalls.seedEvent("B1") + "," + invalid + "," + IntakeCalls.seedEvent("B3") + "]");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("status").path("code").asInt()).isNotEqualTo(1100);
        assertThat(json.path("accepted").asInt()).isEqualTo(2);
        assertThat(json.path("rejected").asInt()).isEqualTo(1);
        JsonNode results = json.path("results");
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(results.get(0).path("status").path("code").asInt()).isEqualTo(1100);
        assertThat(results.get(1).path("status").path("code").asInt()).isEqualTo(1204);
        assertThat(results.get(1).path("errors").get(0).path("attribute").asText()).isEqualTo("age");
        assertThat(results.get(2).path("status").path("code").asInt()).isEqualTo(1100);

        JsonNode stored = IntakeCalls.storedEvent(server, results.get(2).path("requestId").asText());
        assertThat(stored.path("attributes").path("external_event_id").asText()).isEqualTo("B3");
        assertThat(stored.path("attributes").path("age").asDouble()).isEqualTo(20.0);
        JsonNode rejected = IntakeCalls.request(server, "default", results.get(1).path("requestId").asText(), "REJECTED");
        assertThat(rejected.path("errors").get(0).path("code").asText()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void aBatchWhoseEventsAreAllValidAnswers1100WithEveryRequestIdDistinct() {
        TestServer.Answer answer = IntakeCalls.batch(server, "application/json",
                "[" + IntakeCalls.seedEvent("A1") + "," + IntakeCalls.seedEvent("A2") + "]");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").path("code").asInt()).isEqualTo(1100);
        assertThat(answer.json().path("requestId").asText()).isNotBlank();
        assertThat(answer.json().path("results").get(0).path("requestId").asText())
                .isNotEqualTo(answer.json().path("results").get(1).path("requestId").asText());
        IntakeCalls.storedEvent(server, answer.json().path("results").get(1).path("requestId").asText());
    }

    @Test
    void ndjsonWithALineThatIsNotJsonRejectsThatLineAloneAndSkipsBlankLines() {
        TestServer.Answer answer = IntakeCalls.batch(server, "application/x-ndjson",
                IntakeCalls.seedEvent("N1") + "\n{not json\n\n" + IntakeCalls.seedEvent("N3") + "\r\n");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode results = answer.json().path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(1).path("status").path("code").asInt()).isEqualTo(1201);
        assertThat(results.get(2).path("status").path("code").asInt()).isEqualTo(1100);
        IntakeCalls.storedEvent(server, results.get(0).path("requestId").asText());
    }

    @Test
    void aBatchWithNoValidEventIs400WithItsResults() {
        TestServer.Answer answer = IntakeCalls.batch(server, "application/json", "[{\"event_name\":\"nope\"},17]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("status").path("code").asInt()).isEqualTo(1212);
        assertThat(answer.json().path("accepted").asInt()).isZero();
        assertThat(answer.json().path("rejected").asInt()).isEqualTo(2);
        assertThat(answer.json().path("results").get(0).path("status").path("code").asInt()).isEqualTo(1205);
        assertThat(answer.json().path("results").get(1).path("status").path("code").asInt()).isEqualTo(1202);
    }

    @Test
    void aBodyThatIsNotABatchOrAnEmptyBatchIsOne400WithoutResults() {
        TestServer.Answer object = IntakeCalls.batch(server, "application/json", IntakeCalls.seedEvent("X"));
        TestServer.Answer empty = IntakeCalls.batch(server, "application/json", "[]");
        TestServer.Answer blank = IntakeCalls.batch(server, "application/x-ndjson", "\n\n");

        assertThat(object.status()).isEqualTo(400);
        assertThat(object.json().path("status").path("code").asInt()).isEqualTo(1210);
        assertThat(object.json().has("results")).isFalse();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("status").path("code").asInt()).isEqualTo(1211);
        assertThat(blank.json().path("status").path("code").asInt()).isEqualTo(1211);
    }

    @Test
    void aBatchOverTheEventLimitIs413AndAnEventOverTheBodyLimitIsRejectedAlone() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("{}");
        }
        TestServer.Answer tooMany = IntakeCalls.batch(server, "application/json", "[" + String.join(",", many) + "]");
        String huge = IntakeCalls.seedEvent("H").replace("Indiranagar", "x".repeat(33 * 1024));
        TestServer.Answer oneTooLarge = IntakeCalls.batch(server, "application/x-ndjson",
                IntakeCalls.seedEvent("H1") + "\n" + huge);

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().path("status").path("code").asInt()).isEqualTo(1506);
        assertThat(tooMany.json().has("results")).isFalse();
        assertThat(oneTooLarge.status()).isEqualTo(200);
        assertThat(oneTooLarge.json().path("results").get(1).path("status").path("code").asInt()).isEqualTo(1501);
        assertThat(oneTooLarge.json().path("results").get(0).path("status").path("code").asInt()).isEqualTo(1100);
    }

    @Test
    void aBodyOverTheBatchByteLimitIs413() {
        String line = IntakeCalls.seedEvent("L").replace("Indiranagar", "y".repeat(30 * 1024)) + "\n";
        TestServer.Answer answer = IntakeCalls.batch(server, "application/x-ndjson", line.repeat(40));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("status").path("code").asInt()).isEqualTo(1506);
        assertThat(answer.json().path("status").path("message").asText()).contains("1048576");
    }

    @Test
    void aBatchWithoutCredentialsIs401AndAnotherContentTypeIs415() {
        TestServer.Answer anonymous = IntakeCalls.post(server, IntakeCalls.BATCH, "application/json", java.util.Map.of(),
                "[]".getBytes());
        TestServer.Answer text = IntakeCalls.batch(server, "text/plain", "[]");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(text.status()).isEqualTo(415);
    }
}
