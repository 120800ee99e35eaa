package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Segment-compatible API (DESIGN §8) through real HTTP: the calls, the auth styles, the bodies, the answers. */
class SegmentApiTest {
    static final String WRITE_KEY = "segment-write-key-0123456789";
    private static TestServer server;
    private static String webhook;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
        webhook = server.root("POST", "/api/v1/orgs/default/webhooks", "{\"credential\":\"" + WRITE_KEY + "\"}")
                .json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String track(String externalId, String messageId) {
        return "{\"type\":\"track\",\"event\":\"be_reserved\",\"userId\":\"9933772255\",\"messageId\":\"" + messageId + "\","
                + "\"timestamp\":\"2024-04-11T12:00:00.000Z\",\"context\":{\"library\":{\"name\":\"test\"}},"
                + "\"properties\":{\"age\":20,\"external_event_id\":\"" + externalId + "\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\"}}";
    }

    private static TestServer.Answer call(String call, String contentType, Map<String, String> headers, byte[] body) {
        return IntakeCalls.post(server, "/local/webhooks/" + webhook + "/v1/" + call, contentType, headers, body);
    }

    private static Map<String, String> writeKeyAuth() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTrackWithTheWriteKeyFormBecomesAnEventWithUserIdAsCustomerAndTimestampAsEventTime() {
        TestServer.Answer answer = call("track", "application/json", writeKeyAuth(), track("SEG-1", "m-1").getBytes());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("success").asBoolean()).isTrue();
        JsonNode result = answer.json().path("results").get(0);
        assertThat(result.path("messageId").asText()).isEqualTo("m-1");
        JsonNode stored = IntakeCalls.storedEvent(server, result.path("requestId").asText());
        assertThat(stored.path("customer").path("identifierValue").asText()).contains("9933772255");
        assertThat(stored.path("eventDateTime").asLong()).isEqualTo(1712836800000L);
        assertThat(stored.path("attributes").path("hotel_name").asText()).isEqualTo("Indiranagar");
    }

    @Test
    void theOrdinaryCredentialAndAWriteKeyInTheBodyWorkAndAWrongKeyIs401() {
        TestServer.Answer ordinary = call("track", "application/json", Map.of("Authorization", TestServer.basic(WRITE_KEY)),
                track("SEG-2", "m-2").getBytes());
        String withKey = track("SEG-3", "m-3").replaceFirst("\\{", "{\"writeKey\":\"" + WRITE_KEY + "\",");
        TestServer.Answer inBody = call("track", "application/json", Map.of(), withKey.getBytes());
        TestServer.Answer wrong = call("track", "application/json", Map.of(), track("SEG-4", "m-4")
                .replaceFirst("\\{", "{\"writeKey\":\"not-the-key\",").getBytes());

        assertThat(ordinary.status()).isEqualTo(200);
        assertThat(inBody.status()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void aGzippedFormEncodedBatchMergesItsContextAndARepeatedMessageIdIsNotStoredAgain() throws Exception {
        String batch = "{\"batch\":[" + track("SEG-5", "m-5") + "," + track("SEG-6", "m-6") + "],\"context\":{\"app\":\"x\"}}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(batch.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new java.util.HashMap<>(writeKeyAuth());
        headers.put("Content-Encoding", "gzip");

        TestServer.Answer first = call("batch", "application/x-www-form-urlencoded", headers, zipped.toByteArray());
        TestServer.Answer repeat = call("import", "application/json", writeKeyAuth(), batch.getBytes());

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("results").get(0).path("duplicate").asBoolean()).isTrue();
        IntakeCalls.storedEvent(server, first.json().path("results").get(1).path("requestId").asText());
        assertThat(server.root("GET", "/api/v1/orgs/default/event-data?attr.external_event_id=SEG-5", null).json()
                .path("items")).hasSize(1);
    }

    @Test
    void pageScreenGroupAndAliasAreAnsweredSuccessAndRecordedRejectedAsUnsupportedCalls() {
        for (String call : new String[] {"page", "screen", "group", "alias"}) {
            TestServer.Answer answer = call(call, "application/json", writeKeyAuth(),
                    ("{\"userId\":\"9933772255\",\"messageId\":\"p-" + call + "\"}").getBytes());

            assertThat(answer.status()).as(call).isEqualTo(200);
            assertThat(answer.json().path("rejected").asInt()).isEqualTo(1);
            JsonNode result = answer.json().path("results").get(0);
            assertThat(result.path("status").path("code").asInt()).isEqualTo(1214);
            JsonNode logged = IntakeCalls.request(server, "default", result.path("requestId").asText(), "REJECTED");
            assertThat(logged.path("errors").get(0).path("code").asText()).isEqualTo("UNSUPPORTED_CALL");
        }
    }

    @Test
    void identifyRegistersTheCustomerByUserIdEmailAndPhone() {
        TestServer.Answer answer = call("identify", "application/json", writeKeyAuth(),
                "{\"userId\":\"u-42\",\"traits\":{\"email\":\"u42@example.com\",\"phone\":\"+91 98765 43210\"}}".getBytes());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode customer = server.root("GET", "/api/v1/orgs/default/customers/USER_ID/u-42", null).json();
        assertThat(customer.path("identifiers").findValuesAsText("type")).contains("USER_ID", "EMAIL", "MOBILE");
        assertThat(server.root("GET", "/api/v1/orgs/default/customers/EMAIL/u42@example.com", null).status()).isEqualTo(200);
    }

    @Test
    void anInvalidSingleTrackIs400WithItsErrorsAndInvalidJsonIs400() {
        TestServer.Answer invalid = call("track", "application/json", writeKeyAuth(),
                track("SEG-7", "m-7").replace("\"age\":20", "\"age\":\"abc\"").getBytes());
        TestServer.Answer notJson = call("track", "application/json", writeKeyAuth(), "{nope".getBytes());

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").get(0).path("attribute").asText()).isEqualTo("age");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void aMessageOver32KibInABatchIsRejectedAloneAndABatchOver500KibIs413() {
        String big = track("SEG-8", "m-8").replace("Indiranagar", "z".repeat(33 * 1024));
        TestServer.Answer mixed = call("batch", "application/json", writeKeyAuth(),
                ("{\"batch\":[" + big + "," + track("SEG-9", "m-9") + "]}").getBytes());
        String many = ("," + track("SEG-10", "m-10").replace("Indiranagar", "w".repeat(20 * 1024))).repeat(30).substring(1);
        TestServer.Answer tooLarge = call("batch", "application/json", writeKeyAuth(), ("{\"batch\":[" + many + "]}").getBytes());

        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().path("results").get(0).path("status").path("code").asInt()).isEqualTo(1501);
        assertThat(mixed.json().path("results").get(1).path("status").path("code").asInt()).isEqualTo(1100);
        assertThat(tooLarge.status()).isEqualTo(413);
    }
}
