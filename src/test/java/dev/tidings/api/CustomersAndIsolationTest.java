package dev.tidings.api;

import static dev.tidings.api.ReadFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registering and reading customers, and that an org key never sees another org's reads. */
class CustomersAndIsolationTest {
    private static TestServer server;
    private static String otherKey;
    private static String seedRequest;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
        otherKey = ReadFixture.org(server, "other");
        seedRequest = post(server, ReadFixture.seedHook(), """
                {"age":20,"customer_id":"9933772255","event_name":"be_reserved","external_event_id":"RAND121",
                 "hotel_name":"Indiranagar","room_nights":"12"}""");
        ReadFixture.awaitRequest(server, "default", seedRequest);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCustomerWithSeveralIdentifiersIsRegisteredAndFoundByEach() {
        TestServer.Answer created = server.admin("POST", "/api/v1/orgs/other/customers", otherKey,
                "{\"identifiers\":[{\"type\":\"MOBILE\",\"value\":\"9811122233\"},{\"type\":\"EMAIL\",\"value\":\"a@b.example\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        TestServer.Answer byEmail = server.admin("GET", "/api/v1/orgs/other/customers/EMAIL/a@b.example", otherKey, null);
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.json().get("id").asText()).isEqualTo(id);
        assertThat(byEmail.json().get("identifiers")).hasSize(2);
        assertThat(byEmail.json().get("createdAt").asText()).endsWith("Z");
        assertThat(server.admin("GET", "/api/v1/orgs/other/customers/MOBILE/9811122233", otherKey, null)
                .json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void anIdentifierThatAlreadyBelongsToACustomerIsAConflict() {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/default/customers",
                "{\"identifiers\":[{\"type\":\"USER_ID\",\"value\":\"u-1\"},{\"type\":\"MOBILE\",\"value\":\"9933772255\"}]}");

        assertThat(a.status()).as(a.body()).isEqualTo(409);
        assertThat(a.json().get("status").get("code").asInt()).isEqualTo(AdminError.ALREADY_EXISTS.code());
        assertThat(server.root("GET", "/api/v1/orgs/default/customers/USER_ID/u-1", null).status()).isEqualTo(404);
    }

    @Test
    void badIdentifiersAreRefusedNamingEachProblem() {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/default/customers",
                "{\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"1\"},{\"type\":\"EMAIL\",\"value\":\" \"}]}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("errors").findValuesAsText("attribute"))
                .containsExactly("identifiers[0].type", "identifiers[1].value");
        assertThat(server.root("POST", "/api/v1/orgs/default/customers", "{\"identifiers\":[]}").status()).isEqualTo(400);
        assertThat(server.root("GET", "/api/v1/orgs/default/customers/PHONE/1", null).status()).isEqualTo(400);
    }

    @Test
    void anUnknownCustomerOrRequestIs404() {
        assertThat(server.root("GET", "/api/v1/orgs/default/customers/MOBILE/9000000009", null).status()).isEqualTo(404);
        assertThat(server.root("GET", "/api/v1/orgs/default/requests/no-such-request", null).status()).isEqualTo(404);
    }

    @Test
    void anOrgKeyGets404ForEveryReadOfAnotherOrg() {
        assertThat(server.admin("GET", "/api/v1/orgs/default/requests/" + seedRequest, otherKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/default/logs", otherKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/default/event-data", otherKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", "/api/v1/orgs/default/customers/MOBILE/9933772255", otherKey, null).status())
                .isEqualTo(404);
        assertThat(server.admin("POST", "/api/v1/orgs/default/customers", otherKey,
                "{\"identifiers\":[{\"type\":\"MOBILE\",\"value\":\"9811100000\"}]}").status()).isEqualTo(404);
    }

    @Test
    void anotherOrgsIdsAreNotFoundUnderAnOrgsOwnPaths() {
        assertThat(server.admin("GET", "/api/v1/orgs/other/requests/" + seedRequest, otherKey, null).status()).isEqualTo(404);
        assertThat(ReadFixture.items(server.admin("GET", "/api/v1/orgs/other/event-data?requestId=" + seedRequest, otherKey, null)
                .json())).isEmpty();
        assertThat(ReadFixture.items(server.admin("GET", "/api/v1/orgs/other/logs", otherKey, null).json())).isEmpty();
        assertThat(server.admin("GET", "/api/v1/orgs/other/customers/MOBILE/9933772255", otherKey, null).status())
                .isEqualTo(404);
    }
}
