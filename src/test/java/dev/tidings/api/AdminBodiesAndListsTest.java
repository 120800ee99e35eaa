package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API takes no input silently: unknown fields are refused, re-enabling works, rotation takes a
 * given credential and a grace period, org keys rotate, orgs are listed, and registry lists paginate.
 */
class AdminBodiesAndListsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ReadFixture.org(server, "acme");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAdminBodyRefusesUnknownFieldsNamingThem() {
        String hook = webhookId(ReadFixture.webhook(server, "acme", false));
        List<String[]> calls = List.of(
                new String[] {"POST", "/api/v1/orgs", "{\"id\":\"x1\",\"nmae\":\"X\"}", "nmae"},
                new String[] {"POST", "/api/v1/orgs/acme/webhooks", "{\"name\":\"a\",\"rateLimt\":10}", "rateLimt"},
                new String[] {"PUT", "/api/v1/orgs/acme/webhooks/" + hook, "{\"enabled\":true}", "enabled"},
                new String[] {"POST", "/api/v1/orgs/acme/webhooks/" + hook + "/rotate", "{\"grace\":\"10m\"}", "grace"},
                new String[] {"POST", "/api/v1/orgs/acme/customers",
                        "{\"identifiers\":[{\"type\":\"EMAIL\",\"value\":\"a@b.c\"}],\"tier\":1}", "tier"},
                new String[] {"POST", "/api/v1/orgs/acme/rotate-key", "{\"keep\":true}", "keep"});
        for (String[] call : calls) {
            TestServer.Answer a = server.root(call[0], call[1], call[2]);

            assertThat(a.status()).as(call[0] + " " + call[1] + " " + a.body()).isEqualTo(400);
            assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo(call[3]);
            assertThat(a.json().at("/errors/0/code").textValue()).isEqualTo("UNKNOWN_FIELD");
            assertThat(a.json().at("/status/message").textValue()).contains(call[3]);
        }
    }

    @Test
    void aDisabledWebhookCanBeEnabledAgainByStatusOrByEnable() {
        ReadFixture.Hook hook = ReadFixture.webhook(server, "acme", false);
        String path = "/api/v1/orgs/acme/webhooks/" + hook.id();
        assertThat(server.root("POST", path + "/disable", null).json().get("status").textValue()).isEqualTo("DISABLED");
        assertThat(server.postEvent(hook.id(), hook.credential(), "{}").status()).isEqualTo(404);

        TestServer.Answer put = server.root("PUT", path, "{\"status\":\"ENABLED\"}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("status").textValue()).isEqualTo("ENABLED");
        assertThat(server.postEvent(hook.id(), hook.credential(), "{}").status()).isEqualTo(400);
        server.root("POST", path + "/disable", null);
        assertThat(server.root("POST", path + "/enable", null).json().get("status").textValue()).isEqualTo("ENABLED");
        assertThat(server.root("PUT", path, "{\"status\":\"ON\"}").status()).isEqualTo(400);
    }

    @Test
    void rotationTakesAGivenCredentialAndTheOldOneWorksDuringTheGracePeriod() {
        ReadFixture.Hook hook = ReadFixture.webhook(server, "acme", false);
        String given = "partner:new-long-password";

        TestServer.Answer rotated = server.root("POST", "/api/v1/orgs/acme/webhooks/" + hook.id() + "/rotate",
                "{\"credential\":\"" + given + "\",\"graceperiod\":\"10m\"}");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("credential").textValue()).isEqualTo(given);
        assertThat(rotated.json().has("previousCredentialValidUntil")).isTrue();
        // 400 (no event_name) means authenticated; 401 would mean refused.
        assertThat(server.postEvent(hook.id(), given, "{}").status()).isEqualTo(400);
        assertThat(server.postEvent(hook.id(), hook.credential(), "{}").status()).isEqualTo(400);
    }

    @Test
    void rotationWithoutGraceRetiresTheOldCredentialAtOnce() {
        ReadFixture.Hook hook = ReadFixture.webhook(server, "acme", false);
        assertThat(server.postEvent(hook.id(), hook.credential(), "{}").status()).isEqualTo(400);

        TestServer.Answer rotated = server.root("POST", "/api/v1/orgs/acme/webhooks/" + hook.id() + "/rotate", null);

        assertThat(server.postEvent(hook.id(), hook.credential(), "{}").status()).isEqualTo(401);
        assertThat(server.postEvent(hook.id(), rotated.json().get("credential").textValue(), "{}").status()).isEqualTo(400);
    }

    @Test
    void aBadGracePeriodIsA400NamingIt() {
        ReadFixture.Hook hook = ReadFixture.webhook(server, "acme", false);
        for (String grace : new String[] {"soon", "30d"}) {
            TestServer.Answer a = server.root("POST", "/api/v1/orgs/acme/webhooks/" + hook.id() + "/rotate",
                    "{\"graceperiod\":\"" + grace + "\"}");
            assertThat(a.status()).as(grace).isEqualTo(400);
            assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo("graceperiod");
        }
    }

    @Test
    void anOrgKeyCanBeRotatedAndTheOldKeyStopsWorking() {
        String oldKey = ReadFixture.org(server, "rotor");

        TestServer.Answer rotated = server.admin("POST", "/api/v1/orgs/rotor/rotate-key", oldKey, null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newKey = rotated.json().get("apiKey").textValue();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(server.admin("GET", "/api/v1/orgs/rotor", oldKey, null).status()).isEqualTo(401);
        assertThat(server.admin("GET", "/api/v1/orgs/rotor", newKey, null).status()).isEqualTo(200);
    }

    @Test
    void theRootTokenListsOrgsAndAnOrgKeySeesOnlyItsOwn() {
        String key = ReadFixture.org(server, "lister");

        List<String> all = ids(server.root("GET", "/api/v1/orgs?limit=500", null).json(), "id");
        List<String> own = ids(server.admin("GET", "/api/v1/orgs", key, null).json(), "id");

        assertThat(all).contains("acme", "lister");
        assertThat(own).containsExactly("lister");
    }

    @Test
    void webhookAndEventListsPaginateWithCursors() {
        ReadFixture.org(server, "pages");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(webhookId(ReadFixture.webhook(server, "pages", false)));
            ReadFixture.event(server, "pages", "{\"name\":\"e" + i + "\",\"attributes\":[{\"name\":\"c\",\"type\":\"CUSTOMER\","
                    + "\"required\":true,\"identifierType\":\"EMAIL\"}]}");
        }

        assertThat(paged("/api/v1/orgs/pages/webhooks", "id")).containsExactlyElementsOf(created);
        assertThat(paged("/api/v1/orgs/pages/events", "name")).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(server.root("GET", "/api/v1/orgs/pages/webhooks?page=2", null).status()).isEqualTo(400);
        assertThat(server.root("GET", "/api/v1/orgs/pages/events?cursor=nonsense", null).status()).isEqualTo(400);
    }

    private static List<String> paged(String path, String field) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = server.root("GET", path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page, field));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        return seen;
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get(field).textValue()));
        return ids;
    }

    private static String webhookId(ReadFixture.Hook hook) {
        return hook.id();
    }
}
