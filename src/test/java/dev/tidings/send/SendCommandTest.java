package dev.tidings.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.TestServer;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tidings send} against the real server: a 100,000-line NDJSON file with one invalid line, a first
 * run interrupted part way, a second run resumed from its checkpoint: every valid line stored exactly
 * once, the invalid one in FILE.rejected.ndjson with its errors, exit code 1. And a CSV file.
 */
class SendCommandTest {
    private static final int LINES = 100_000;
    private static final int BAD_LINE = 90_000;

    @TempDir
    Path dir;

    private static String event(int i) {
        String age = i == BAD_LINE ? "\"abc\"" : "20";
        return "{\"age\":" + age + ",\"customer_id\":\"9933772255\",\"event_name\":\"be_reserved\",\"external_event_id\":\"S-" + i
                + "\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\",\"eventDateTime\":\"2024-04-11 12:00:00\"}";
    }

    @Test
    void anInterruptedRunResumedFromItsCheckpointStoresEveryLineOnceAndReportsTheRejectedLine() throws Exception {
        Path file = dir.resolve("events.ndjson");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= LINES; i++) {
                w.write(event(i));
                w.newLine();
            }
        }
        Path checkpoint = dir.resolve("events.checkpoint");
        try (TestServer server = TestServer.start(true)) {
            String url = server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK;
            AtomicReference<Throwable> firstRun = new AtomicReference<>();
            Thread first = new Thread(() -> {
                try {
                    new SendRun(new BatchPoster(url, TestServer.SEED_CREDENTIAL, Thread::sleep),
                            new SendRun.Settings(1000, 4, 0, checkpoint, false), new PrintWriter(new StringWriter())).run(List.of(file));
                } catch (Throwable t) {
                    firstRun.set(t);
                }
            });
            first.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged(checkpoint, file) >= 20_000);
            first.interrupt();
            first.join();
            assertThat(firstRun.get()).isInstanceOf(InterruptedException.class);
            long resumedAfter = acknowledged(checkpoint, file);
            assertThat(resumedAfter).isBetween(20_000L, (long) LINES - 1);

            StringWriter out = new StringWriter();
            int exit = new CommandLine(new SendCommand()).setOut(new PrintWriter(out)).execute("--url", url,
                    "--credential", TestServer.SEED_CREDENTIAL, "--batch-size", "1000", "--checkpoint", checkpoint.toString(),
                    file.toString());

            assertThat(exit).as(out.toString()).isEqualTo(1);
            assertThat(out.toString()).contains("1 rejected").contains("skipped");
            List<String> rejected = Files.readAllLines(SendRun.rejectedFile(file));
            assertThat(rejected).hasSize(1);
            JsonNode line = new ObjectMapper().readTree(rejected.get(0));
            assertThat(line.path("line").asLong()).isEqualTo(BAD_LINE);
            assertThat(line.path("errors").get(0).path("attribute").asText()).isEqualTo("age");
            assertThat(acknowledged(checkpoint, file)).isEqualTo(LINES);
            await().atMost(Duration.ofMinutes(5)).until(() -> storedCount(server.dataDir(), "count(*)") >= LINES - 1);
            assertThat(storedCount(server.dataDir(), "count(*)")).isEqualTo(LINES - 1);
            assertThat(storedCount(server.dataDir(), "count(DISTINCT json_extract(attributes, '$.external_event_id'))"))
                    .isEqualTo(LINES - 1);
        }
    }

    @Test
    void aCsvFileWithAHeaderRowIsSentAsEventsAndAFullySentRunExitsZero() throws Exception {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "event_name,customer_id,age,external_event_id,hotel_name,room_nights,eventDateTime\n"
                + "be_reserved,9933772255,20,CSV-1,\"Indiranagar, Bengaluru\",12,2024-04-11 12:00:00\n"
                + "be_reserved,9933772255,31,CSV-2,Whitefield,3,\n");
        try (TestServer server = TestServer.start(true)) {
            StringWriter out = new StringWriter();
            int exit = new CommandLine(new SendCommand()).setOut(new PrintWriter(out)).execute("--url",
                    server.baseUrl() + "/local/webhooks/" + TestServer.SEED_WEBHOOK, "--credential", TestServer.SEED_CREDENTIAL,
                    file.toString());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("2 accepted, 0 rejected");
            await().atMost(Duration.ofSeconds(30)).until(() -> server.root("GET",
                    "/api/v1/orgs/default/event-data?attr.hotel_name=Indiranagar,%20Bengaluru", null).json().path("items").size() == 1);
        }
    }

    private static long acknowledged(Path checkpoint, Path file) throws Exception {
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        return new ObjectMapper().readTree(checkpoint.toFile()).path(file.toAbsolutePath().toString()).asLong(0);
    }

    private static long storedCount(Path dataDir, String what) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tidings.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + what + " FROM events")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
