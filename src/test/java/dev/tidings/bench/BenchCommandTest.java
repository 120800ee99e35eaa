package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tidings bench} against the real server: a small run, counts and status checks only. */
class BenchCommandTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void setsUpItsWebhookAndCountsEveryAnswerAsAn1100() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));

        int exit = cli.execute("--setup", "--admin-url", server.baseUrl(), "--admin-token", TestServer.ROOT_TOKEN,
                "--events", "300", "--connections", "4", "--warmup", "0s", "--json");

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(result.get("sent").asLong()).isEqualTo(300);
        assertThat(result.get("statusCounts").get("200").asLong()).isEqualTo(300);
        assertThat(result.get("bad1100").asLong()).isZero();
        assertThat(result.get("errors").asLong()).isZero();
    }

    @Test
    void exitsNonZeroWhenAnswersAreNot1100() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));

        int exit = cli.execute("--url", server.baseUrl() + "/local/webhooks/00000000000000000000000000000000",
                "--credential", "nobody", "--events", "20", "--connections", "2", "--warmup", "0s", "--json");

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(result.get("statusCounts").get("404").asLong()).isEqualTo(20);
    }
}
