package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook mappings (DESIGN §8): a brand's nested payload accepted as it is, checked when saved, errors naming the path. */
class MappingTest {
    private static final String CREDENTIAL = "mapping-test-credential-0123";
    private static final String BOOKING = "{\"type\":\"booking.created\",\"id\":\"BK-1\",\"guest\":{\"phone\":\"9933772255\",\"age\":41},"
            + "\"hotel\":{\"name\":\"Koramangala\"},\"rooms\":[{\"nights\":\"twelve\"}],\"at\":\"2024-04-11 12:00:00\"}";
    private static final String MAPPING = "{\"eventName\":{\"path\":\"type\",\"values\":{\"booking.created\":\"be_reserved\"}},"
            + "\"fields\":{\"customer_id\":\"guest.phone\",\"age\":\"guest.age\",\"external_event_id\":\"id\","
            + "\"hotel_name\":\"hotel.name\",\"room_nights\":\"rooms[0].nights\",\"eventDateTime\":\"at\"},"
            + "\"values\":{\"room_nights\":{\"twelve\":\"12\"}}}";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String webhookWith(String mapping) {
        TestServer.Answer created = server.root("POST", "/api/v1/orgs/default/webhooks",
                "{\"credential\":\"" + CREDENTIAL + "\",\"mapping\":" + mapping + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static TestServer.Answer post(String webhook, String body) {
        return IntakeCalls.post(server, "/local/webhooks/" + webhook, "application/json",
                Map.of("Authorization", TestServer.basic(CREDENTIAL)), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNestedPayloadIsMappedBeforeValidationAndStoredWithTypedAttributes() {
        String webhook = webhookWith(MAPPING);

        TestServer.Answer answer = post(webhook, BOOKING);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String requestId = answer.json().path("requestId").asText();
        JsonNode stored = IntakeCalls.storedEvent(server, requestId);
        assertThat(stored.path("eventName").asText()).isEqualTo("be_reserved");
        assertThat(stored.path("attributes").path("room_nights").asText()).isEqualTo("12");
        assertThat(stored.path("attributes").path("hotel_name").asText()).isEqualTo("Koramangala");
        assertThat(stored.path("attributes").path("age").asDouble()).isEqualTo(41.0);
        assertThat(stored.path("customer").path("identifierValue").asText()).contains("9933772255");
        assertThat(IntakeCalls.request(server, "default", requestId, "PROCESSED").path("eventName").asText()).isEqualTo("be_reserved");
        assertThat(server.root("GET", "/api/v1/orgs/default/webhooks/" + webhook, null).json()
                .path("mapping").path("fields").path("room_nights").asText()).isEqualTo("rooms[0].nights");
    }

    @Test
    void aMissingSourceFieldIsRejectedNamingTheAttributeAndItsSourcePath() {
        String webhook = webhookWith(MAPPING);

        TestServer.Answer answer = post(webhook, BOOKING.replace("\"hotel\":{\"name\":\"Koramangala\"},", ""));

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.json().path("errors").get(0);
        assertThat(error.path("attribute").asText()).isEqualTo("hotel_name");
        assertThat(error.path("message").asText()).contains("hotel.name");
    }

    @Test
    void aJsltTransformRunsFirstAndItsOutputIsWhatTheFieldsRead() {
        String transform = "{\"type\": .kind, \"guest\": {\"phone\": .who, \"age\": .age}, \"hotel\": {\"name\": .where},"
                + " \"id\": .ref, \"rooms\": [{\"nights\": \"twelve\"}]}";
        String mapping = "{\"transform\":" + quoted(transform) + "," + MAPPING.substring(1);
        String webhook = webhookWith(mapping);

        TestServer.Answer answer = post(webhook, "{\"kind\":\"booking.created\",\"who\":\"9933772255\",\"age\":30,"
                + "\"where\":\"Whitefield\",\"ref\":\"T-1\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode stored = IntakeCalls.storedEvent(server, answer.json().path("requestId").asText());
        assertThat(stored.path("attributes").path("hotel_name").asText()).isEqualTo("Whitefield");
    }

    @Test
    void anInvalidMappingIsRefusedWhenSavedWithEveryProblem() {
        TestServer.Answer refused = server.root("POST", "/api/v1/orgs/default/webhooks",
                "{\"mapping\":{\"transform\":\"{ not jslt\",\"fields\":{\"age\":\"guest..age\",\"bad-name\":\"x\"},\"extra\":1}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("attribute"))
                .contains("mapping.transform", "mapping.fields.age", "mapping.fields.bad-name", "mapping.extra");
        assertThat(server.root("GET", "/api/v1/orgs/default/webhooks", null).body()).doesNotContain("guest..age");
    }

    @Test
    void aMappingCanBeSetAndClearedOnAnExistingWebhook() {
        String webhook = webhookWith("null");
        assertThat(post(webhook, BOOKING).status()).isEqualTo(400);

        TestServer.Answer set = server.root("PUT", "/api/v1/orgs/default/webhooks/" + webhook, "{\"mapping\":" + MAPPING + "}");

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(post(webhook, BOOKING).status()).isEqualTo(200);
        assertThat(server.root("PUT", "/api/v1/orgs/default/webhooks/" + webhook, "{\"mapping\":null}").status()).isEqualTo(200);
        assertThat(post(webhook, BOOKING).status()).isEqualTo(400);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
