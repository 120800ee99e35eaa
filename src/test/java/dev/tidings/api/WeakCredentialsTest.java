package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given webhook credentials must be hard to guess: 16+ characters bare, 12+ after user:, unless allowWeak. */
class WeakCredentialsTest {
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
    void aShortBareTokenOrPasswordIsRefused() {
        for (String weak : new String[] {"x", "fifteen-chars-x", "shop:elevenchars"}) {
            TestServer.Answer a = create("{\"credential\":\"" + weak + "\"}");

            assertThat(a.status()).as(weak).isEqualTo(400);
            assertThat(a.json().at("/errors/0/code").textValue()).isEqualTo("WEAK_CREDENTIAL");
            assertThat(a.json().at("/errors/0/attribute").textValue()).isEqualTo("credential");
        }
    }

    @Test
    void theSeedsSixteenCharacterTokenAndATwelveCharacterPasswordAreEnough() {
        assertThat(create("{\"credential\":\"test_div69fffdd0\"}").status()).isEqualTo(201);
        assertThat(create("{\"credential\":\"shop:twelve-chars\"}").status()).isEqualTo(201);
        assertThat(server.postSeedEvent().status()).isEqualTo(200);
    }

    @Test
    void aWeakMigratedCredentialIsKeptOnlyWithAllowWeakAndTheAnswerSaysSo() {
        TestServer.Answer a = create("{\"credential\":\"shop:s3cret\",\"allowWeak\":true}");

        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().at("/warnings/0").textValue()).contains("weak").contains("allowWeak");
        assertThat(server.postEvent(a.json().get("id").textValue(), "shop:s3cret", "{}").status()).isEqualTo(400);
    }

    @Test
    void aRotationToAWeakCredentialIsRefusedToo() {
        String id = create("{}").json().get("id").textValue();

        TestServer.Answer a = server.root("POST", "/api/v1/orgs/default/webhooks/" + id + "/rotate", "{\"credential\":\"short\"}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/errors/0/code").textValue()).isEqualTo("WEAK_CREDENTIAL");
    }

    private static TestServer.Answer create(String body) {
        return server.root("POST", "/api/v1/orgs/default/webhooks", body);
    }
}
