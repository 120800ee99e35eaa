package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint refuses a missing or wrong token with 401 and another org's key with 404, as if
 * the org did not exist; a webhook can only submit its own org's events.
 */
class AdminAccessTest {
    private static final String DEFINITION = "{\"name\":\"signup\",\"attributes\":[{\"name\":\"customer_id\","
            + "\"type\":\"CUSTOMER\",\"required\":true,\"identifierType\":\"MOBILE\",\"addCustomerIfNotExists\":true}]}";
    private static TestServer server;
    private static String otherOrgKey;
    private static String webhookId;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
        otherOrgKey = server.root("POST", "/api/v1/orgs", "{\"id\":\"rival\",\"name\":\"Rival\"}").json().path("apiKey").asText();
        webhookId = server.root("GET", "/api/v1/orgs/default/webhooks", null).json().path("items").path(0).path("id").asText();
        assertThat(otherOrgKey).isNotBlank();
        assertThat(webhookId).hasSize(32);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String[]> endpoints() {
        String hook = "/api/v1/orgs/default/webhooks/" + webhookId;
        return List.of(new String[] {"GET", "/api/v1/orgs/default"},
                new String[] {"POST", "/api/v1/orgs/default/events"}, new String[] {"GET", "/api/v1/orgs/default/events"},
                new String[] {"GET", "/api/v1/orgs/default/events/be_reserved"},
                new String[] {"PUT", "/api/v1/orgs/default/events/be_reserved"},
                new String[] {"POST", "/api/v1/orgs/default/events/be_reserved/publish"},
                new String[] {"POST", "/api/v1/orgs/default/events/be_reserved/disable"},
                new String[] {"POST", "/api/v1/orgs/default/webhooks"}, new String[] {"GET", "/api/v1/orgs/default/webhooks"},
                new String[] {"GET", hook}, new String[] {"PUT", hook}, new String[] {"POST", hook + "/rotate"},
                new String[] {"POST", hook + "/disable"},
                new String[] {"GET", "/api/v1/orgs/default/requests/01a22237-406d-7551-8b77-1e3530000000"},
                new String[] {"GET", "/api/v1/orgs/default/logs"}, new String[] {"GET", "/api/v1/orgs/default/event-data"},
                new String[] {"GET", "/api/v1/orgs/default/customers/MOBILE/9933772255"},
                new String[] {"POST", "/api/v1/orgs/default/customers"});
    }

    @Test
    void everyAdminEndpointRefusesAMissingTokenAWrongTokenAndAnotherOrgsKey() {
        List<String> wrong = new ArrayList<>();
        for (String[] e : endpoints()) {
            expect(wrong, e, null, 401);
            expect(wrong, e, TestServer.ROOT_TOKEN + "x", 401);
            expect(wrong, e, "tdk_" + "0".repeat(40), 401);
            expect(wrong, e, otherOrgKey, 404);
        }
        expect(wrong, new String[] {"POST", "/api/v1/orgs"}, null, 401);
        expect(wrong, new String[] {"POST", "/api/v1/orgs"}, otherOrgKey, 403);

        assertThat(wrong).isEmpty();
        assertThat(server.postSeedEvent().status()).as("nothing was disabled or replaced").isEqualTo(200);
    }

    @Test
    void aWebhookCannotSubmitAnotherOrgsEvent() {
        assertThat(server.admin("POST", "/api/v1/orgs/rival/events", otherOrgKey, DEFINITION).status()).isEqualTo(201);

        TestServer.Answer answer = server.postEvent(webhookId, TestServer.SEED_CREDENTIAL,
                "{\"event_name\":\"signup\",\"customer_id\":\"9933772255\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("status").path("code").asInt()).isEqualTo(1205);
    }

    private static void expect(List<String> wrong, String[] endpoint, String token, int status) {
        TestServer.Answer answer = server.admin(endpoint[0], endpoint[1], token, endpoint[0].equals("GET") ? null : "{}");
        int code = answer.body().isEmpty() ? -1 : answer.json().path("status").path("code").asInt(-1);
        if (answer.status() != status || code <= 0) {
            wrong.add(endpoint[0] + " " + endpoint[1] + " with " + (token == null ? "no token" : "token " + token.substring(0, 4) + "…")
                    + ": " + answer.status() + " " + answer.body());
        }
    }
}
