package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tidings bench} says plainly what went wrong: refused credentials, a server that is not there. */
class BenchFailuresTest {

    @Test
    void aRefusedCredentialIsReportedAs401sAndExitsNonZero() {
        try (TestServer server = TestServer.start(true)) {
            StringWriter out = new StringWriter();

            int exit = bench(out, "--url", server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK,
                    "--credential", "not-the-credential", "--events", "20", "--connections", "2", "--warmup", "0s");

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("PROBLEM     20 answers were 401: the webhook refused the credential")
                    .contains("no answer was 1100");
        }
    }

    @Test
    void aServerThatIsNotThereStopsTheRunInsteadOfSpinning() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StringWriter out = new StringWriter();

        int exit = bench(out, "--url", "http://127.0.0.1:" + port + "/local/webhooks/" + TestServer.SEED_WEBHOOK,
                "--credential", TestServer.SEED_CREDENTIAL, "--events", "1000000", "--connections", "4",
                "--warmup", "0s", "--json");

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(result.get("serverGone").booleanValue()).isTrue();
        assertThat(result.get("sent").asLong()).isLessThan(1000);
        assertThat(result.get("problems").get(0).textValue()).startsWith("stopped: the server went away");
    }

    private static int bench(StringWriter out, String... args) {
        return new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
    }
}
