package dev.tidings.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.registry.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every event log promises the intake and the pipeline, run against each implementation: the
 * SQLite file ({@code SqliteEventLogContractTest}) and a Kafka topic on a real broker
 * ({@code KafkaEventLogIT}). A subclass only says how to open a fresh log and how to put bytes into it
 * that are no record.
 */
public abstract class EventLogContract {
    /** Generous for a loaded machine with a real broker; nothing here measures speed. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One log with its three faces; closing it closes all of them. */
    protected interface TestLog extends AutoCloseable {
        EventAppender appender();

        /** Not started; the test starts it with the positions it wants. */
        LogConsumer consumer();

        LogHeads heads();

        /** Writes {@code bytes} as a record that is not in the log format, under {@code partitionKey}. */
        void appendUnreadable(String partitionKey, byte[] bytes) throws Exception;

        /** Closes this and opens the same log again, as a restarted worker would. */
        TestLog reopen() throws Exception;

        @Override
        void close();
    }

    /** A new, empty log. */
    protected abstract TestLog openLog() throws Exception;

    private final List<TestLog> opened = new ArrayList<>();

    private TestLog log() throws Exception {
        TestLog log = openLog();
        opened.add(log);
        return log;
    }

    private TestLog reopen(TestLog log) throws Exception {
        TestLog again = log.reopen();
        opened.add(again);
        return again;
    }

    @AfterEach
    void closeLogs() {
        opened.forEach(TestLog::close);
    }

    @Test
    void anAcceptedEventAndARejectedRequestComeBackFromPollWithEveryFieldIntact() throws Exception {
        TestLog log = log();
        AcceptedEvent accepted = accepted("r-1", "cust-1");
        RejectedRequest rejected = new RejectedRequest("r-2", "org-a", "wh-1", "be_reserved", "def-1", 3, 1_700_000_000_123L,
                false, 1204, List.of(new FieldProblem("age", "WRONG_TYPE", "age must be a number (Double), got \"abc\""),
                        new FieldProblem(null, "BODY", "no event_name")),
                new byte[] {'{', (byte) 0xC3, (byte) 0x28, 0, '}'});

        log.appender().append(accepted).get(30, TimeUnit.SECONDS);
        log.appender().append(rejected).get(30, TimeUnit.SECONDS);
        List<ConsumedRecord> read = readAll(startedAtZero(log), 2);

        assertThat(read).allSatisfy(r -> assertThat(r.unreadable()).isNull());
        assertThat(read).extracting(ConsumedRecord::record).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrder(accepted, rejected);
        AcceptedEvent back = (AcceptedEvent) read.stream().map(ConsumedRecord::record)
                .filter(r -> r instanceof AcceptedEvent).findFirst().orElseThrow();
        assertThat(back.attributes()).containsExactlyEntriesOf(accepted.attributes());
        assertThat(back.attributes().values()).extracting(v -> v.getClass().getSimpleName())
                .containsExactly("String", "Long", "Double", "Boolean", "Long");
    }

    @Test
    void appendAllCommitsEveryRecord() throws Exception {
        TestLog log = log();
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(accepted("batch-" + i, "cust-" + i));
        }

        log.appender().appendAll(batch).get(30, TimeUnit.SECONDS);
        List<ConsumedRecord> read = readAll(startedAtZero(log), batch.size());

        assertThat(read).extracting(ConsumedRecord::record).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(batch);
        assertThat(log.appender().healthy()).isTrue();
    }

    @Test
    void aConsumerStartedAtStoredPositionsResumesExactlyAfterThem() throws Exception {
        TestLog log = log();
        for (int i = 0; i < 8; i++) {
            log.appender().append(accepted("resume-" + i, "cust-" + (i % 3))).get(30, TimeUnit.SECONDS);
        }
        List<ConsumedRecord> first = readAll(startedAtZero(log), 5);
        Map<Integer, Long> stored = nextPositions(first);

        TestLog restarted = reopen(log);
        LogConsumer consumer = restarted.consumer();
        consumer.start((logId, partitions) -> {
            Map<Integer, Long> of = new HashMap<>();
            partitions.forEach(p -> of.put(p, stored.getOrDefault(p, 0L)));
            return of;
        });
        List<ConsumedRecord> rest = readAll(consumer, 3);

        List<String> ids = new ArrayList<>();
        first.forEach(r -> ids.add(r.record().requestId()));
        rest.forEach(r -> ids.add(r.record().requestId()));
        assertThat(ids).as("nothing read twice, nothing skipped")
                .containsExactlyInAnyOrder("resume-0", "resume-1", "resume-2", "resume-3", "resume-4", "resume-5", "resume-6", "resume-7");
        assertThat(rest).allSatisfy(r -> assertThat(r.position()).isGreaterThanOrEqualTo(stored.getOrDefault(r.partition(), 0L)));
        assertThat(consumer.poll(10, 500)).as("nothing after the last record").isEmpty();
    }

    @Test
    void endPositionsGrowWithAppendsAndLagIsEndMinusPosition() throws Exception {
        TestLog log = log();
        long before = sum(log.heads().endPositions());
        for (int i = 0; i < 6; i++) {
            log.appender().append(accepted("lag-" + i, "cust-" + i)).get(30, TimeUnit.SECONDS);
        }
        Map<Integer, Long> ends = log.heads().endPositions();
        assertThat(sum(ends) - before).isEqualTo(6);

        Map<Integer, Long> positions = nextPositions(readAll(startedAtZero(log), 4));

        long first = log.heads().firstPosition();
        long lag = 0;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            lag += end.getValue() - Math.max(positions.getOrDefault(end.getKey(), first), first);
        }
        assertThat(lag).isEqualTo(2);
    }

    @Test
    void recordsOfOnePartitionKeyKeepTheirOrder() throws Exception {
        TestLog log = log();
        List<java.util.concurrent.CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            acks.add(log.appender().append(accepted(String.format("order-%02d", i), "cust-" + (i % 3))));
        }
        for (var ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }

        List<ConsumedRecord> read = readAll(startedAtZero(log), 30);

        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (ConsumedRecord r : read) {
            byKey.computeIfAbsent(r.record().partitionKey(), k -> new ArrayList<>()).add(r.record().requestId());
        }
        assertThat(byKey).hasSize(3);
        byKey.values().forEach(ids -> assertThat(ids).hasSize(10).isSorted());
    }

    @Test
    void unreadableBytesComeBackAsAnUnreadableRecordInsteadOfThrowing() throws Exception {
        TestLog log = log();
        log.appendUnreadable("org-a/cust-1", "not a log record".getBytes(StandardCharsets.UTF_8));
        AcceptedEvent after = accepted("after-garbage", "cust-1");
        log.appender().append(after).get(30, TimeUnit.SECONDS);

        List<ConsumedRecord> read = readAll(startedAtZero(log), 2);

        assertThat(read.get(0).record()).isNull();
        assertThat(read.get(0).unreadable()).isNotBlank();
        assertThat(read.get(1).record()).usingRecursiveComparison().isEqualTo(after);
        assertThat(read.get(1).position()).isGreaterThan(read.get(0).position());
    }

    // --- helpers for subclasses too ---

    protected static AcceptedEvent accepted(String requestId, String customer) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("hotel_name", "Grand \"Hôtel\" ✓");
        attributes.put("nights", 3L);
        attributes.put("age", 41.5);
        attributes.put("member", true);
        attributes.put("arrival", 1_700_000_000_000L);
        return new AcceptedEvent(requestId, "org-a", "wh-1", "be_reserved", "def-1", 2, 1_700_000_001_000L, false,
                customer, 1_699_999_999_000L, attributes, List.of(customer, "2024-01-01"),
                // The body travels as text: quotes, escapes, non-ASCII and a character outside
                // the BMP must come back byte for byte.
                ("{\"event_name\":\"be_reserved\",\"customer\":\"" + customer
                        + "\",\"note\":\"Grand \\\"Hôtel\\\" \\u00e9 \\\\ ✓ 😀\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The consumer of {@code log}, started with no stored positions (every partition from its start). */
    protected static LogConsumer startedAtZero(TestLog log) {
        LogConsumer consumer = log.consumer();
        consumer.start((logId, partitions) -> Map.of());
        return consumer;
    }

    /** Polls on the calling thread (a Kafka consumer has one owner) until {@code count} records came. */
    protected static List<ConsumedRecord> readAll(LogConsumer consumer, int count) {
        List<ConsumedRecord> read = new ArrayList<>();
        await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
            read.addAll(consumer.poll(count - read.size(), 200));
            return read.size() >= count;
        });
        return read;
    }

    protected static Map<Integer, Long> nextPositions(List<ConsumedRecord> records) {
        Map<Integer, Long> next = new HashMap<>();
        records.forEach(r -> next.merge(r.partition(), r.next(), Math::max));
        return next;
    }

    private static long sum(Map<Integer, Long> positions) {
        return positions.values().stream().mapToLong(Long::longValue).sum();
    }
}
