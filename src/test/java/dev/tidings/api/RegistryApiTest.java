package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry part of DESIGN §4 through real HTTP: orgs, event definitions, webhooks, tokens, isolation. */
class RegistryApiTest {
    private static final String HEX32 = "[0-9a-f]{32}";
    private static final String CUSTOMER = "{\"name\":\"customer_id\",\"type\":\"CUSTOMER\",\"required\":true,"
            + "\"identifierType\":\"MOBILE\",\"addCustomerIfNotExists\":true}";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- orgs and tokens

    @Test
    void onlyTheRootTokenCreatesOrgsAndTheApiKeyIsShownOnce() {
        String org = newOrgId();
        TestServer.Answer created = server.root("POST", "/api/v1/orgs", "{\"id\":\"" + org + "\",\"name\":\"Brand\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").textValue()).isEqualTo(org);
        String key = created.json().get("apiKey").textValue();
        assertThat(key).isNotBlank();

        TestServer.Answer byKey = server.admin("POST", "/api/v1/orgs", key, "{\"id\":\"" + newOrgId() + "\"}");
        assertError(byKey, 403);
        TestServer.Answer own = server.admin("GET", "/api/v1/orgs/" + org, key, null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(key).doesNotContain("apiKey");
        assertError(server.root("POST", "/api/v1/orgs", "{\"id\":\"" + org + "\"}"), 409);
    }

    @Test
    void aMissingOrWrongBearerTokenIs401() {
        String org = createOrg();
        for (String token : new String[] {null, "wrong-token-wrong-token", ""}) {
            assertError(server.admin("GET", "/api/v1/orgs/" + org, token, null), 401);
            assertError(server.admin("GET", "/api/v1/orgs/" + org + "/events", token, null), 401);
            assertError(server.admin("POST", "/api/v1/orgs", token, "{\"id\":\"" + newOrgId() + "\"}"), 401);
        }
        assertError(server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/orgs/" + org))
                .header("Authorization", TestServer.basic("root:" + TestServer.ROOT_TOKEN)).GET().build()), 401);
    }

    // ---- event definitions

    @Test
    void aNewDefinitionIsADraftAtVersionOneWithItsAttributesInOrder() {
        String org = createOrg();
        TestServer.Answer created = server.root("POST", "/api/v1/orgs/" + org + "/events", definition("booked",
                "{\"name\":\"zeta\",\"type\":\"STRING\"}", CUSTOMER, "{\"name\":\"alpha\",\"type\":\"DOUBLE\",\"required\":true}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode d = created.json();
        assertThat(d.get("id").textValue()).matches(HEX32);
        assertThat(d.get("status").textValue()).isEqualTo("DRAFT");
        assertThat(d.get("testStatus").textValue()).isEqualTo("NOT_VERIFIED");
        assertThat(d.get("version").intValue()).isEqualTo(1);
        assertThat(d.get("attributes")).extracting(a -> a.get("name").textValue()).containsExactly("zeta", "customer_id", "alpha");
        assertThat(d.get("createdAt").textValue()).isNotBlank();

        JsonNode got = server.root("GET", "/api/v1/orgs/" + org + "/events/booked", null).json();
        assertThat(got.get("id")).isEqualTo(d.get("id"));
        assertThat(got.get("samplePayload").get("event_name").textValue()).isEqualTo("booked");
        assertThat(server.root("GET", "/api/v1/orgs/" + org + "/events", null).json().get("items")).hasSize(1);
    }

    @Test
    void aSecondDefinitionWithTheSameNameIs409() {
        String org = createOrg();
        assertThat(server.root("POST", "/api/v1/orgs/" + org + "/events", definition("twice", CUSTOMER)).status()).isEqualTo(201);
        assertError(server.root("POST", "/api/v1/orgs/" + org + "/events", definition("twice", CUSTOMER)), 409);
    }

    @Test
    void aBadDefinitionIs400ListingEveryProblemAtOnce() {
        String org = createOrg();
        TestServer.Answer bad = server.root("POST", "/api/v1/orgs/" + org + "/events", definition("bad-name!",
                "{\"name\":\"colour\",\"type\":\"ENUM\"}",
                "{\"name\":\"size\",\"type\":\"FLOAT\"}",
                "{\"name\":\"eventDateTime\",\"type\":\"DATE\"}"));
        JsonNode json = assertError(bad, 400);
        assertThat(json.get("errors").size()).as(bad.body()).isGreaterThanOrEqualTo(4);
        assertThat(bad.body()).contains("colour", "size", "eventDateTime");
    }

    @Test
    void aDraftIsReplacedWithTheVersionBumpedAndCannotBePublishedUntilVerified() {
        String org = createOrg();
        server.root("POST", "/api/v1/orgs/" + org + "/events", definition("draft_one", CUSTOMER));
        TestServer.Answer replaced = server.root("PUT", "/api/v1/orgs/" + org + "/events/draft_one",
                definition("draft_one", CUSTOMER, "{\"name\":\"nights\",\"type\":\"INTEGER\",\"required\":true}"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("version").intValue()).isEqualTo(2);
        assertThat(replaced.json().get("status").textValue()).isEqualTo("DRAFT");

        JsonNode refused = assertError(server.root("POST", "/api/v1/orgs/" + org + "/events/draft_one/publish", null), 409);
        assertThat(refused.at("/status/code").intValue()).isEqualTo(AdminError.NOT_VERIFIED.code());
    }

    @Test
    void aVerifiedEventPublishesAndThenOnlyAcceptsNewOptionalAttributes() {
        String org = createOrg();
        String base = "{\"name\":\"nights\",\"type\":\"INTEGER\",\"required\":true}";
        server.root("POST", "/api/v1/orgs/" + org + "/events", definition("stay", CUSTOMER, base));
        JsonNode hook = createWebhook(org, "{}");
        TestServer.Answer test = server.postEvent(hook.get("id").textValue(), hook.get("credential").textValue(),
                "{\"event_name\":\"stay\",\"customer_id\":\"9933772255\",\"nights\":2}");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFIED".equals(
                server.root("GET", "/api/v1/orgs/" + org + "/events/stay", null).json().get("testStatus").textValue()));

        TestServer.Answer published = server.root("POST", "/api/v1/orgs/" + org + "/events/stay/publish", null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("status").textValue()).isEqualTo("PUBLISHED");
        int version = published.json().get("version").intValue();

        String path = "/api/v1/orgs/" + org + "/events/stay";
        String optional = "{\"name\":\"note\",\"type\":\"STRING\"}";
        assertError(server.root("PUT", path, definition("stay", CUSTOMER, base, "{\"name\":\"rate\",\"type\":\"DOUBLE\",\"required\":true}")), 409);
        assertError(server.root("PUT", path, definition("stay", CUSTOMER)), 409);
        assertError(server.root("PUT", path, definition("stay", CUSTOMER, "{\"name\":\"nights\",\"type\":\"DOUBLE\",\"required\":true}")), 409);
        TestServer.Answer added = server.root("PUT", path, definition("stay", CUSTOMER, base, optional));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("version").intValue()).isGreaterThan(version);
        assertThat(added.json().get("status").textValue()).isEqualTo("PUBLISHED");

        TestServer.Answer disabled = server.root("POST", path + "/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").textValue()).isEqualTo("DISABLED");
        assertThat(server.postEvent(hook.get("id").textValue(), hook.get("credential").textValue(),
                "{\"event_name\":\"stay\",\"customer_id\":\"9933772255\",\"nights\":2}").json().at("/status/code").intValue())
                .isEqualTo(1206);
    }

    // ---- webhooks

    @Test
    void aWebhookGetsAGeneratedIdAndACredentialShownOnlyOnce() {
        String org = createOrg();
        server.root("POST", "/api/v1/orgs/" + org + "/events", definition("ping", CUSTOMER));
        JsonNode hook = createWebhook(org, "{\"name\":\"shop\"}");
        String id = hook.get("id").textValue();
        String credential = hook.get("credential").textValue();
        assertThat(id).matches(HEX32);
        assertThat(credential).isNotBlank();
        assertThat(hook.get("url").textValue()).endsWith("/local/webhooks/" + id);
        assertThat(hook.get("uniquenessCheck").booleanValue()).isFalse();

        TestServer.Answer one = server.root("GET", "/api/v1/orgs/" + org + "/webhooks/" + id, null);
        TestServer.Answer list = server.root("GET", "/api/v1/orgs/" + org + "/webhooks", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("credential")).isFalse();
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(one.body() + list.body()).doesNotContain(credential);
        assertThat(server.postEvent(id, credential, ping()).status()).isEqualTo(200);
    }

    @Test
    void migratedWebhooksKeepTheirIdAndUserPasswordOrBareTokenCredential() {
        String org = createOrg();
        server.root("POST", "/api/v1/orgs/" + org + "/events", definition("ping", CUSTOMER));
        String withUser = hex32();
        String bare = hex32();
        assertThat(createWebhook(org, "{\"id\":\"" + withUser + "\",\"credential\":\"legacy:p4ss:word-2024x\"}").get("id").textValue())
                .isEqualTo(withUser);
        assertThat(createWebhook(org, "{\"id\":\"" + bare + "\",\"credential\":\"tok_0123456789abcd\"}").get("id").textValue())
                .isEqualTo(bare);

        assertThat(server.postEvent(withUser, "legacy:p4ss:word-2024x", ping()).status()).isEqualTo(200);
        assertThat(server.postEvent(bare, "tok_0123456789abcd", ping()).status()).isEqualTo(200);
        assertThat(server.postEvent(withUser, "legacy:p4ss", ping()).status()).isEqualTo(401);
        assertError(server.root("POST", "/api/v1/orgs/" + org + "/webhooks", "{\"id\":\"" + bare + "\"}"), 409);
        assertError(server.root("POST", "/api/v1/orgs/" + org + "/webhooks", "{\"id\":\"NOT-HEX\"}"), 400);
    }

    @Test
    void rotatingStopsTheOldCredentialAndDisablingStopsTheWebhook() {
        String org = createOrg();
        server.root("POST", "/api/v1/orgs/" + org + "/events", definition("ping", CUSTOMER));
        JsonNode hook = createWebhook(org, "{}");
        String id = hook.get("id").textValue();
        String old = hook.get("credential").textValue();
        assertThat(server.postEvent(id, old, ping()).status()).isEqualTo(200);

        TestServer.Answer rotated = server.root("POST", "/api/v1/orgs/" + org + "/webhooks/" + id + "/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().get("credential").textValue();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(server.postEvent(id, old, ping()).status()).isEqualTo(401);
        assertThat(server.postEvent(id, fresh, ping()).status()).isEqualTo(200);

        assertThat(server.root("POST", "/api/v1/orgs/" + org + "/webhooks/" + id + "/disable", null).json()
                .get("status").textValue()).isEqualTo("DISABLED");
        assertThat(server.postEvent(id, fresh, ping()).status()).isEqualTo(404);
    }

    @Test
    void theUniquenessCheckOnceOnCannotBeTurnedOff() {
        String org = createOrg();
        JsonNode on = createWebhook(org, "{\"uniquenessCheck\":true}");
        assertThat(on.get("uniquenessCheck").booleanValue()).isTrue();
        String path = "/api/v1/orgs/" + org + "/webhooks/" + on.get("id").textValue();
        assertError(server.root("PUT", path, "{\"uniquenessCheck\":false}"), 409);

        JsonNode off = createWebhook(org, "{}");
        String offPath = "/api/v1/orgs/" + org + "/webhooks/" + off.get("id").textValue();
        assertThat(server.root("PUT", offPath, "{\"uniquenessCheck\":true}").json().get("uniquenessCheck").booleanValue()).isTrue();
        assertError(server.root("PUT", offPath, "{\"uniquenessCheck\":false}"), 409);
        assertThat(server.root("GET", offPath, null).json().get("uniquenessCheck").booleanValue()).isTrue();
    }

    // ---- isolation

    @Test
    void anotherOrgsKeySeesNothingOfThisOrg() {
        String a = createOrg();
        String b = newOrgId();
        String keyB = server.root("POST", "/api/v1/orgs", "{\"id\":\"" + b + "\"}").json().get("apiKey").textValue();
        server.root("POST", "/api/v1/orgs/" + a + "/events", definition("secret_event", CUSTOMER));
        String hookA = createWebhook(a, "{}").get("id").textValue();

        List<TestServer.Answer> answers = new ArrayList<>();
        answers.add(server.admin("GET", "/api/v1/orgs/" + a, keyB, null));
        answers.add(server.admin("GET", "/api/v1/orgs/" + a + "/events", keyB, null));
        answers.add(server.admin("GET", "/api/v1/orgs/" + a + "/events/secret_event", keyB, null));
        answers.add(server.admin("POST", "/api/v1/orgs/" + a + "/events", keyB, definition("intruder", CUSTOMER)));
        answers.add(server.admin("PUT", "/api/v1/orgs/" + a + "/events/secret_event", keyB, definition("secret_event", CUSTOMER)));
        answers.add(server.admin("POST", "/api/v1/orgs/" + a + "/events/secret_event/disable", keyB, null));
        answers.add(server.admin("GET", "/api/v1/orgs/" + a + "/webhooks", keyB, null));
        answers.add(server.admin("GET", "/api/v1/orgs/" + a + "/webhooks/" + hookA, keyB, null));
        answers.add(server.admin("POST", "/api/v1/orgs/" + a + "/webhooks", keyB, "{}"));
        answers.add(server.admin("POST", "/api/v1/orgs/" + a + "/webhooks/" + hookA + "/rotate", keyB, null));
        answers.add(server.admin("POST", "/api/v1/orgs/" + a + "/webhooks/" + hookA + "/disable", keyB, null));
        answers.add(server.admin("GET", "/api/v1/orgs/" + b + "/webhooks/" + hookA, keyB, null));
        answers.add(server.admin("POST", "/api/v1/orgs/" + b + "/webhooks/" + hookA + "/rotate", keyB, null));
        answers.forEach(answer -> assertError(answer, 404));
        assertThat(server.root("GET", "/api/v1/orgs/" + a + "/events/secret_event", null).json().get("status").textValue())
                .isEqualTo("DRAFT");
    }

    @Test
    void aWebhookCannotSubmitAnotherOrgsEvents() {
        String a = createOrg();
        String b = createOrg();
        server.root("POST", "/api/v1/orgs/" + a + "/events", definition("only_a", CUSTOMER));
        JsonNode hookB = createWebhook(b, "{}");
        TestServer.Answer answer = server.postEvent(hookB.get("id").textValue(), hookB.get("credential").textValue(),
                "{\"event_name\":\"only_a\",\"customer_id\":\"9933772255\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1205);
    }

    @Test
    void aServerWithDefinitionsAndWebhooksStartsAgainOnItsDataDir(@TempDir Path dir) {
        String org;
        JsonNode hook;
        try (TestServer first = TestServer.start(dir, false, 32 * 1024)) {
            org = newOrgId();
            first.root("POST", "/api/v1/orgs", "{\"id\":\"" + org + "\"}");
            first.root("POST", "/api/v1/orgs/" + org + "/events", definition("ping", CUSTOMER));
            hook = first.root("POST", "/api/v1/orgs/" + org + "/webhooks", "{\"uniquenessCheck\":true}").json();
        }
        try (TestServer second = TestServer.start(dir, false, 32 * 1024)) {
            assertThat(second.root("GET", "/api/v1/orgs/" + org + "/events/ping", null).status()).isEqualTo(200);
            assertThat(second.postEvent(hook.get("id").textValue(), hook.get("credential").textValue(), ping()).status())
                    .isEqualTo(200);
        }
    }

    // ---- helpers

    private static String ping() {
        return "{\"event_name\":\"ping\",\"customer_id\":\"9933772255\"}";
    }

    private static String definition(String name, String... attributes) {
        return "{\"name\":\"" + name + "\",\"attributes\":[" + String.join(",", attributes) + "]}";
    }

    private static String createOrg() {
        String org = newOrgId();
        assertThat(server.root("POST", "/api/v1/orgs", "{\"id\":\"" + org + "\"}").status()).isEqualTo(201);
        return org;
    }

    private static JsonNode createWebhook(String org, String body) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/" + org + "/webhooks", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private static String newOrgId() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static JsonNode assertError(TestServer.Answer answer, int httpStatus) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(httpStatus);
        JsonNode json = answer.json();
        assertThat(json.at("/status/code").isInt()).isTrue();
        assertThat(json.at("/status/message").textValue()).isNotBlank();
        assertThat(json.get("errors").isArray()).isTrue();
        return json;
    }
}
