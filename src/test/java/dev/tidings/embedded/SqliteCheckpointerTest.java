package dev.tidings.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What waits for {@link SqliteCheckpointer#whenSynced} runs only after an fsync of the WAL that started
 * after it asked: the event log drops what the pipeline consumed only then. The syncs are the real
 * {@code FileChannel.force}, held or failed by the test.
 */
class SqliteCheckpointerTest {
    @TempDir
    Path dir;

    private SqliteDatabase database;
    private Connection writer;
    private SqliteCheckpointer checkpointer;

    @BeforeEach
    void open() throws Exception {
        database = SqliteDatabase.open(dir.resolve("store.db"), "keys");
        writer = database.connect();
        try (Statement s = writer.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
            s.execute("INSERT INTO t VALUES (1)");
        }
    }

    @AfterEach
    void close() throws Exception {
        if (checkpointer != null) {
            checkpointer.close();
        }
        writer.close();
        database.close();
    }

    @Test
    void anActionRunsOnlyOnceASyncOfTheWalThatStartedAfterItWasAskedForHasReturned() throws Exception {
        Semaphore syncs = new Semaphore(0);
        CountDownLatch syncing = new CountDownLatch(1);
        checkpointer = new SqliteCheckpointer(database.file(), database::connect, wal -> {
            syncing.countDown();
            syncs.acquireUninterruptibly();
            wal.force(false);
        });
        AtomicBoolean ran = new AtomicBoolean();

        checkpointer.whenSynced(() -> ran.set(true));

        assertThat(syncing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
        syncs.release();
        await().atMost(Duration.ofSeconds(30)).untilTrue(ran);
    }

    @Test
    void anActionWhoseSyncFailedRunsAfterTheNextSyncThatSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        checkpointer = new SqliteCheckpointer(database.file(), database::connect, wal -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("EIO");
            }
            wal.force(false);
        });
        AtomicInteger runs = new AtomicInteger();

        checkpointer.whenSynced(runs::incrementAndGet);

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() == 1);
        assertThat(attempts.get()).isEqualTo(2);
    }
}
