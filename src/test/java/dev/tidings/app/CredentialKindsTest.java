package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generated webhook credentials (keyed hash under the server key) and given ones (PBKDF2) both
 * authenticate, wrong ones get 401, and both keep working after a restart on the same data dir: the
 * server key is stored, not made up again on each start.
 */
class CredentialKindsTest {

    @Test
    void generatedAndGivenCredentialsAuthenticateBeforeAndAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("tidings-credentials");
        String generatedId;
        String generated;
        String givenId;
        String given = "shop:a-migrated-password";
        try (TestServer server = TestServer.start(dir, true, TestServer.limits(32 * 1024, 1000, java.time.Duration.ofSeconds(30)))) {
            TestServer.Answer g = server.root("POST", "/api/v1/orgs/default/webhooks", "{}");
            assertThat(g.status()).as(g.body()).isEqualTo(201);
            generatedId = g.json().get("id").textValue();
            generated = g.json().get("credential").textValue();
            TestServer.Answer m = server.root("POST", "/api/v1/orgs/default/webhooks",
                    "{\"credential\":\"" + given + "\"}");
            assertThat(m.status()).as(m.body()).isEqualTo(201);
            givenId = m.json().get("id").textValue();

            assertAuthenticates(server, generatedId, generated, givenId, given);
        }
        try (TestServer again = TestServer.start(dir, true, TestServer.limits(32 * 1024, 1000, java.time.Duration.ofSeconds(30)))) {
            assertAuthenticates(again, generatedId, generated, givenId, given);
        }
    }

    private static void assertAuthenticates(TestServer server, String generatedId, String generated, String givenId,
            String given) {
        assertThat(server.postEvent(generatedId, generated, TestServer.SEED_BODY).status()).isEqualTo(200);
        assertThat(server.postEvent(givenId, given, TestServer.SEED_BODY).status()).isEqualTo(200);
        assertThat(server.postEvent(generatedId, generated + "x", TestServer.SEED_BODY).status()).isEqualTo(401);
        assertThat(server.postEvent(givenId, given + "x", TestServer.SEED_BODY).status()).isEqualTo(401);
        assertThat(server.postEvent(generatedId, given, TestServer.SEED_BODY).status()).isEqualTo(401);
    }
}
