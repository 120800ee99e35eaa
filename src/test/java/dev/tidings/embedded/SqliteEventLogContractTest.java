package dev.tidings.embedded;

import dev.tidings.log.EventAppender;
import dev.tidings.log.EventLogContract;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.io.TempDir;

/** The log contract against the embedded log: one SQLite file, one partition, row numbers as positions. */
class SqliteEventLogContractTest extends EventLogContract {
    @TempDir
    Path dir;

    private int logs;

    @Override
    protected TestLog openLog() {
        return new SqliteLog(dir.resolve("log-" + (++logs) + ".db"));
    }

    /** {@link SqliteEventLog} is appender, consumer and heads at once. */
    private static final class SqliteLog implements TestLog {
        private final Path file;
        private final SqliteDatabase database;
        private final SqliteEventLog log;
        private boolean closed;

        SqliteLog(Path file) {
            this.file = file;
            this.database = SqliteDatabase.open(file, "log");
            this.log = new SqliteEventLog(database, 1024, new SimpleMeterRegistry());
        }

        @Override
        public EventAppender appender() {
            return log;
        }

        @Override
        public LogConsumer consumer() {
            return log;
        }

        @Override
        public LogHeads heads() {
            return log;
        }

        @Override
        public void appendUnreadable(String partitionKey, byte[] bytes) throws Exception {
            try (Connection c = database.connect();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO log_records (payload) VALUES (?)")) {
                insert.setBytes(1, bytes);
                insert.executeUpdate();
            }
        }

        @Override
        public TestLog reopen() {
            close();
            return new SqliteLog(file);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            log.close();
            database.close();
        }
    }
}
