package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every HTTP status of DESIGN §3, each with the one JSON error shape and a code that is never 1100. */
class WebhookStatusTest {
    private static final String HOOK = "d61233f75191444e73a577bbbd4c26eb";
    private static final String PATH = "/local/webhooks/" + HOOK;
    private static final String SEED_CREDENTIAL = "test_div69fffddb";
    private static final String VALID = """
            {"age":20,"customer_id":"9933772255","event_name":"be_reserved","external_event_id":"RAND121",
             "hotel_name":"Indiranagar","room_nights":"12","eventDateTime":"2024-04-11 12:00:00"}""";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- 400

    @Test
    void aBodyThatIsNotJsonIs400WithARequestId() {
        assertRejected(post(PATH, "{\"event_name\": be_reserved"), 1201);
        assertRejected(post(PATH, "{\"event_name\":\"be_reserved\"} trailing"), 1201);
        assertRejected(post(PATH, ""), 1201);
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        assertRejected(post(PATH, "[" + VALID + "]"), 1202);
        assertRejected(post(PATH, "\"be_reserved\""), 1202);
        assertRejected(post(PATH, "42"), 1202);
        assertRejected(post(PATH, "null"), 1202);
    }

    @Test
    void aBodyWithoutEventNameIs400() {
        assertRejected(post(PATH, VALID.replace("\"event_name\":\"be_reserved\",", "")), 1203);
        assertRejected(post(PATH, VALID.replace("\"event_name\":\"be_reserved\"", "\"event_name\":\"\"")), 1203);
        assertRejected(post(PATH, VALID.replace("\"event_name\":\"be_reserved\"", "\"event_name\":7")), 1203);
    }

    @Test
    void anUnknownEventIs400() {
        JsonNode json = assertRejected(post(PATH, VALID.replace("be_reserved", "no_such_event")), 1205);
        assertThat(json.at("/status/message").textValue()).contains("no_such_event");
    }

    @Test
    void aDisabledEventIs400() {
        String event = "{\"name\":\"gone_event\",\"attributes\":[{\"name\":\"customer_id\",\"type\":\"CUSTOMER\","
                + "\"required\":true,\"identifierType\":\"MOBILE\",\"addCustomerIfNotExists\":true}]}";
        assertThat(server.root("POST", "/api/v1/orgs/default/events", event).status()).isEqualTo(201);
        assertThat(server.root("POST", "/api/v1/orgs/default/events/gone_event/disable", null).status()).isEqualTo(200);

        assertRejected(post(PATH, "{\"event_name\":\"gone_event\",\"customer_id\":\"9933772255\"}"), 1206);
    }

    @Test
    void anEventFailingValidationIs400ListingEachAttribute() {
        JsonNode json = assertRejected(post(PATH, VALID.replace("\"age\":20", "\"age\":\"abc\"")
                .replace("\"hotel_name\":\"Indiranagar\",", "")), 1204);
        assertThat(json.get("errors")).extracting(e -> e.get("attribute").textValue() + ":" + e.get("code").textValue())
                .containsExactlyInAnyOrder("age:WRONG_TYPE", "hotel_name:REQUIRED");
    }

    @Test
    void nestingDeeperThanTheLimitIs400() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertRejected(post(PATH, VALID.replace("\"hotel_name\":\"Indiranagar\"", "\"hotel_name\":" + deep)), 1207);
    }

    @Test
    void duplicateKeysAre400() {
        assertRejected(post(PATH, VALID.replace("\"age\":20", "\"age\":20,\"age\":21")), 1201);
    }

    // ---- 401

    @Test
    void everyCredentialFailureGetsTheSameAnswer() {
        String migrated = UUID.randomUUID().toString().replace("-", "");
        assertThat(server.root("POST", "/api/v1/orgs/default/webhooks",
                "{\"id\":\"" + migrated + "\",\"credential\":\"shop:s3cret-passw0rd\"}").status()).isEqualTo(201);
        String path = "/local/webhooks/" + migrated;
        assertThat(postAs(path, "Basic " + b64("shop:s3cret-passw0rd")).status()).isEqualTo(200);

        TestServer.Answer missing = postAs(path, null);
        TestServer.Answer wrongPassword = postAs(path, "Basic " + b64("shop:wrong"));
        TestServer.Answer wrongUser = postAs(path, "Basic " + b64("other:s3cret-passw0rd"));
        TestServer.Answer userOnly = postAs(path, "Basic " + b64("shop"));
        TestServer.Answer notBase64 = postAs(path, "Basic ***not-base64***");
        TestServer.Answer bearer = postAs(path, "Bearer " + TestServer.ROOT_TOKEN);
        TestServer.Answer emptyBasic = postAs(path, "Basic ");

        for (TestServer.Answer a : new TestServer.Answer[] {missing, wrongPassword, wrongUser, userOnly, notBase64, bearer, emptyBasic}) {
            JsonNode json = assertErrorShape(a, 401);
            assertThat(json.at("/status/code").intValue()).isEqualTo(1301);
            assertThat(json.has("requestId")).as("unauthenticated requests get no requestId").isFalse();
            assertThat(a.body()).isEqualTo(missing.body());
        }
    }

    @Test
    void theSeedCredentialDoesNotOpenAnotherWebhook() {
        String other = UUID.randomUUID().toString().replace("-", "");
        server.root("POST", "/api/v1/orgs/default/webhooks", "{\"id\":\"" + other + "\"}");
        assertErrorShape(server.postEvent(other, SEED_CREDENTIAL, VALID), 401);
    }

    // ---- 404

    @Test
    void anUnknownWebhookIs404() {
        JsonNode json = assertErrorShape(server.postEvent("0123456789abcdef0123456789abcdef", SEED_CREDENTIAL, VALID), 404);
        assertThat(json.at("/status/code").intValue()).isEqualTo(1401);
    }

    @Test
    void aDisabledWebhookIs404() {
        JsonNode created = server.root("POST", "/api/v1/orgs/default/webhooks", "{}").json();
        String id = created.get("id").textValue();
        String credential = created.get("credential").textValue();
        assertThat(server.postEvent(id, credential, VALID).status()).isEqualTo(200);
        assertThat(server.root("POST", "/api/v1/orgs/default/webhooks/" + id + "/disable", null).status()).isEqualTo(200);

        JsonNode json = assertErrorShape(server.postEvent(id, credential, VALID), 404);
        assertThat(json.at("/status/code").intValue()).isEqualTo(1401);
    }

    @Test
    void theWrongClusterSegmentIs404() {
        JsonNode json = assertErrorShape(post("/eucrm/webhooks/" + HOOK, VALID), 404);
        assertThat(json.at("/status/code").intValue()).isEqualTo(1401);
    }

    @Test
    void anUnknownPathIs404InTheJsonShape() {
        assertErrorShape(post("/local/hooks/" + HOOK, VALID), 404);
        assertErrorShape(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/nothing/here")).GET().build()), 404);
    }

    // ---- 405, 413, 415

    @Test
    void anotherMethodOnTheWebhookPathIs405InTheJsonShape() {
        assertErrorShape(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + PATH)).GET().build()), 405);
        assertErrorShape(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + PATH))
                .header("Content-Type", "application/json").header("Authorization", TestServer.basic(SEED_CREDENTIAL))
                .PUT(HttpRequest.BodyPublishers.ofString(VALID)).build()), 405);
    }

    @Test
    void aBodyOverTheDefault32KiBIs413AndTheServerKeepsAnswering() {
        String big = VALID.replace("\"hotel_name\":\"Indiranagar\"", "\"hotel_name\":\"" + "x".repeat(40 * 1024) + "\"");
        JsonNode json = assertErrorShape(post(PATH, big), 413);
        assertThat(json.at("/status/code").intValue()).isEqualTo(1501);

        assertThat(post(PATH, VALID).status()).isEqualTo(200);
    }

    @Test
    void aConfiguredSmallerBodyLimitIsEnforced(@TempDir Path dir) {
        try (TestServer small = TestServer.start(dir, true, 1024)) {
            assertThat(small.postEvent(HOOK, SEED_CREDENTIAL, VALID).status()).isEqualTo(200);
            String padded = VALID.replace("Indiranagar", "x".repeat(1024));
            assertErrorShape(small.postEvent(HOOK, SEED_CREDENTIAL, padded), 413);
        }
    }

    @Test
    void aMissingOrNonJsonContentTypeIs415() {
        String auth = TestServer.basic(SEED_CREDENTIAL);
        TestServer.Answer none = post(PATH, Map.of("Authorization", auth), VALID);
        TestServer.Answer text = post(PATH, Map.of("Authorization", auth, "Content-Type", "text/plain"), VALID);
        TestServer.Answer form = post(PATH, Map.of("Authorization", auth,
                "Content-Type", "application/x-www-form-urlencoded"), VALID);
        for (TestServer.Answer a : new TestServer.Answer[] {none, text, form}) {
            JsonNode json = assertErrorShape(a, 415);
            assertThat(json.at("/status/code").intValue()).isEqualTo(1502);
            assertThat(json.get("requestId").textValue()).as("it passed authentication").isNotBlank();
        }
        assertThat(post(PATH, Map.of("Authorization", auth, "Content-Type", "application/json; charset=utf-8"), VALID)
                .status()).isEqualTo(200);
    }

    // ---- 503

    @Test
    void aDeletedLogDatabaseIs503WithRetryAfterAndNothingIsAcknowledged(@TempDir Path dir) throws IOException {
        // The embedded log's file; the cluster's 503 (a broker that does not answer) is KafkaEventLogIT's.
        assumeFalse(TestServer.cluster());
        try (TestServer broken = TestServer.start(dir, true, 32 * 1024)) {
            assertThat(broken.postEvent(HOOK, SEED_CREDENTIAL, VALID).status()).isEqualTo(200);

            Files.delete(dir.resolve("log.db"));

            for (int i = 0; i < 5; i++) {
                TestServer.Answer a = broken.postEvent(HOOK, SEED_CREDENTIAL, VALID);
                JsonNode json = assertErrorShape(a, 503);
                assertThat(json.at("/status/code").intValue()).isEqualTo(1701);
                assertThat(a.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(json.get("requestId").textValue()).isNotBlank();
            }
            assertThat(broken.send(HttpRequest.newBuilder(URI.create(broken.baseUrl() + "/health/ready")).GET().build())
                    .status()).isEqualTo(503);
        }
    }

    // ---- helpers

    private static TestServer.Answer post(String path, String body) {
        return post(path, Map.of("Content-Type", "application/json", "Authorization", TestServer.basic(SEED_CREDENTIAL)), body);
    }

    private static TestServer.Answer post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return server.send(b.build());
    }

    private static TestServer.Answer postAs(String path, String authorization) {
        return authorization == null ? post(path, Map.of("Content-Type", "application/json"), VALID)
                : post(path, Map.of("Content-Type", "application/json", "Authorization", authorization), VALID);
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A 400 for an authenticated request: the error shape, the code, and the requestId it is recorded under. */
    private static JsonNode assertRejected(TestServer.Answer answer, int code) {
        JsonNode json = assertErrorShape(answer, 400);
        assertThat(json.at("/status/code").intValue()).as(answer.body()).isEqualTo(code);
        String requestId = json.path("requestId").textValue();
        assertThat(requestId).as("requestId of " + answer.body()).isNotNull();
        assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
        return json;
    }

    static JsonNode assertErrorShape(TestServer.Answer answer, int httpStatus) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(httpStatus);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode json = answer.json();
        assertThat(json.properties()).extracting(e -> e.getKey()).isSubsetOf("status", "requestId", "errors")
                .contains("status", "errors");
        JsonNode status = json.get("status");
        assertThat(status.properties()).extracting(e -> e.getKey()).containsExactly("code", "message");
        assertThat(status.get("code").isInt()).isTrue();
        assertThat(status.get("code").intValue()).isNotEqualTo(1100);
        assertThat(status.get("message").textValue()).isNotBlank();
        assertThat(json.get("errors").isArray()).isTrue();
        for (JsonNode e : json.get("errors")) {
            assertThat(e.properties()).extracting(p -> p.getKey()).isSubsetOf("attribute", "code", "message")
                    .contains("code", "message");
            assertThat(e.get("code").textValue()).isNotBlank();
            assertThat(e.get("message").textValue()).isNotBlank();
        }
        return json;
    }
}
