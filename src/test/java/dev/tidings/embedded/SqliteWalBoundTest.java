package dev.tidings.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Past its limit the WAL is truncated between two of the writer's transactions, and on close. */
class SqliteWalBoundTest {
    @TempDir
    Path dir;

    @Test
    void aWalPastTheLimitIsTruncatedAfterTheCommitAndOneUnderItIsLeftAlone() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"), "store", true);
        Path wal = SqliteWalBound.walOf(db.file());
        try (Connection writer = db.connect();
                SqliteWalBound generous = new SqliteWalBound(db, 64L * 1024 * 1024);
                SqliteWalBound tight = new SqliteWalBound(db, 256 * 1024)) {
            writeMegabytes(writer, 2);
            long grown = Files.size(wal);
            assertThat(grown).isGreaterThan(2L * 1024 * 1024);

            generous.afterCommit();
            assertThat(Files.size(wal)).isEqualTo(grown);

            tight.afterCommit();
            assertThat(Files.size(wal)).isZero();
            assertThat(tight.truncations()).isEqualTo(1);

            // The writer goes on as before, and every row is still there.
            writeMegabytes(writer, 1);
            try (Statement s = writer.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM blobs")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3 * 64);
            }
        } finally {
            db.close();
        }
    }

    /** As in the server, another connection (the registry's) is still open, so SQLite does not do it itself. */
    @Test
    void closingTheDatabaseLeavesAnEmptyWalWhileAnotherConnectionIsStillOpen() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"), "store", true);
        Path wal = SqliteWalBound.walOf(db.file());
        try (Connection stillOpen = db.connect()) {
            try (Connection writer = db.connect()) {
                writeMegabytes(writer, 2);
            }
            assertThat(Files.size(wal)).isGreaterThan(2L * 1024 * 1024);

            db.close();

            assertThat(Files.exists(wal) ? Files.size(wal) : 0).isZero();
        }
    }

    /** 64 rows of 16 KiB per MiB, in one transaction. */
    private static void writeMegabytes(Connection c, int megabytes) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS blobs (b BLOB)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs (b) VALUES (randomblob(16384))")) {
            for (int i = 0; i < megabytes * 64; i++) {
                ps.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }
}
