package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets never rest in clear: after a session that creates an org, webhooks, rotates a credential and
 * posts with right and wrong credentials, no file of the data directory (databases, WAL, SHM) and no log
 * line holds the root token, an org key or a webhook credential — except {@code admin-token}, which is
 * meant to hold the generated root token. And a wrong user and a wrong password get the same 401.
 */
class SecretsAtRestTest {

    @Test
    void noFileOfTheDataDirectoryAndNoLogLineHoldsASecretInClear() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        Path dataDir = Files.createTempDirectory("tidings-secrets");
        List<String> secrets = new ArrayList<>();
        String rootToken;
        try (TestServer server = TestServer.start(dataDir, true, TestServer.limits(32 * 1024, 1000, Duration.ofSeconds(30)), null)) {
            rootToken = server.generatedRootToken().orElseThrow();
            secrets.add(rootToken);
            secrets.add(TestServer.SEED_CREDENTIAL);
            JsonNode org = server.admin("POST", "/api/v1/orgs", rootToken, "{\"id\":\"acme\",\"name\":\"Acme\"}").json();
            secrets.add(org.path("apiKey").asText());
            JsonNode hook = server.admin("POST", "/api/v1/orgs/acme/webhooks", rootToken,
                    "{\"credential\":\"shop-user:s3cret-Passw0rd-xyz\"}").json();
            secrets.add("s3cret-Passw0rd-xyz");
            JsonNode rotated = server.admin("POST", "/api/v1/orgs/acme/webhooks/" + hook.path("id").asText() + "/rotate",
                    rootToken, null).json();
            secrets.add(rotated.path("credential").asText());
            assertThat(server.postSeedEvent().status()).isEqualTo(200);
            server.postEvent(TestServer.SEED_WEBHOOK, "wrong:" + TestServer.SEED_CREDENTIAL, TestServer.SEED_BODY);
            server.postEvent(hook.path("id").asText(), "shop-user:s3cret-Passw0rd-xyz", TestServer.SEED_BODY);
            server.admin("GET", "/api/v1/orgs/acme", rootToken + "x", null);
            assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(8));
            assertNoSecretIn(dataDir, secrets, rootToken);
        }
        assertNoSecretIn(dataDir, secrets, rootToken);
        assertThat(Files.readString(dataDir.resolve("admin-token")).trim()).isEqualTo(rootToken);
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(line).as("log line").doesNotContain(secret).doesNotContain(base64(secret));
            }
        }
        detach(logs);
    }

    @Test
    void aWrongUserAndAWrongPasswordGetTheIdentical401() {
        try (TestServer server = TestServer.start(true)) {
            JsonNode hook = server.root("POST", "/api/v1/orgs/default/webhooks", "{\"credential\":\"shop-user:right-password\"}").json();
            String id = hook.path("id").asText();

            TestServer.Answer wrongUser = server.postEvent(id, "other-user:right-password", TestServer.SEED_BODY);
            TestServer.Answer wrongPassword = server.postEvent(id, "shop-user:wrong-password", TestServer.SEED_BODY);
            TestServer.Answer missing = server.postEvent(id, null, TestServer.SEED_BODY);

            assertThat(wrongUser.status()).isEqualTo(401);
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(wrongUser.body()).isEqualTo(wrongPassword.body()).isEqualTo(missing.body());
            assertThat(server.postEvent(id, "shop-user:right-password", TestServer.SEED_BODY).status()).isEqualTo(200);
        }
    }

    private static void assertNoSecretIn(Path dataDir, List<String> secrets, String rootToken) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (file.getFileName().toString().equals(RootToken.FILE) && secret.equals(rootToken)) {
                        continue;
                    }
                    assertThat(content).as("%s holds a secret in clear", file.getFileName())
                            .doesNotContain(secret).doesNotContain(base64(secret));
                }
            }
        }
    }

    private static String base64(String secret) {
        return Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static void detach(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }
}
