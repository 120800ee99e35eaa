package dev.tidings.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.ConsumedRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's store commits with {@code synchronous=NORMAL}, so the log keeps what a batch consumed
 * until the store says that commit is on disk: a power cut can take the store's last commits, never the
 * log records they came from.
 */
class SqliteEventLogReleaseTest {
    @TempDir
    Path dir;

    private final Queue<Runnable> untilStoreSynced = new ConcurrentLinkedQueue<>();
    private SqliteDatabase database;
    private SqliteEventLog log;

    @AfterEach
    void close() {
        log.close();
        database.close();
    }

    @Test
    void consumedRecordsStayInTheLogUntilTheStoreCommitThatTookThemIsSynced() throws Exception {
        database = SqliteDatabase.open(dir.resolve("log.db"), "log");
        log = new SqliteEventLog(database, 64, new SimpleMeterRegistry(), untilStoreSynced::add);
        log.start((logId, partitions) -> Map.of());
        for (int i = 1; i <= 3; i++) {
            log.append(event("req-" + i)).get(30, TimeUnit.SECONDS);
        }
        List<ConsumedRecord> read = readAll(3);

        log.committed(Map.of(0, read.get(2).next()));

        assertThat(untilStoreSynced).hasSize(1);
        // The writer drops consumed rows at most once a second; give it more than one chance.
        log.append(event("req-4")).get(30, TimeUnit.SECONDS);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(30)).until(() -> rows() == 4);

        untilStoreSynced.poll().run();

        // The newest consumed row stays, so row numbers never restart; req-4 is not consumed yet.
        await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 2);
    }

    private List<ConsumedRecord> readAll(int count) {
        List<ConsumedRecord> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            read.addAll(log.poll(count - read.size(), 200));
            return read.size() >= count;
        });
        return read;
    }

    private long rows() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM log_records")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static AcceptedEvent event(String requestId) {
        return new AcceptedEvent(requestId, "org-a", "wh-1", "be_reserved", "def-1", 1, 1_700_000_001_000L, false,
                "cust-1", 1_699_999_999_000L, Map.of("nights", 3L), List.of("cust-1"),
                "{\"event_name\":\"be_reserved\"}".getBytes(StandardCharsets.UTF_8));
    }
}
