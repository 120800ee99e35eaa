package dev.tidings.embedded;

import static dev.tidings.store.StoreSamples.event;
import static dev.tidings.store.StoreSamples.processed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.store.LogQuery;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A store written before V9 (every request's record in {@code requests}, processed ones too) keeps
 * answering after the upgrade, beside requests whose record is their events row.
 */
class SqliteProcessedRecordsMigrationTest {

    @Test
    void requestsStoredBeforeTheUpgradeAreReadOnceBesideOnesStoredAfterIt(@TempDir Path dir) throws Exception {
        SQLiteDataSource before = new SQLiteDataSource();
        before.setUrl("jdbc:sqlite:" + dir.resolve("tidings.db"));
        Flyway.configure().dataSource(before).locations("classpath:db/store").target("8.1").load().migrate();
        try (Connection c = before.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO events (request_id, org_id, event_name, customer_id, identifier_type, identifier_value,"
                    + " event_time, received_at, attributes, is_duplicate, test, unique_key)"
                    + " VALUES ('old', 'acme', 'be_reserved', 'c1', 'MOBILE', '9c1', 90, 100, '{}', 0, 0, NULL)");
            s.execute("INSERT INTO requests (request_id, org_id, webhook_id, event_name, status, reason, test, received_at,"
                    + " states, errors) VALUES ('old', 'acme', 'hook', 'be_reserved', 'PROCESSED', NULL, 0, 100,"
                    + " '[{\"state\":\"RECEIVED\",\"at\":100},{\"state\":\"PROCESSED\",\"at\":101,\"message\":\"done\"}]', NULL)");
        }

        SqliteTestStores stores = new SqliteTestStores(dir);
        try {
            PipelineStore.Batch batch = stores.pipeline().begin();
            batch.insertProcessed(event("new", "acme", 195), processed(event("new", "acme", 195)));
            batch.commit("log-1", Map.of(0, 1L));

            RequestRecord old = stores.reads().request("acme", "old").orElseThrow();
            assertThat(old.status()).isEqualTo(RequestStatus.PROCESSED);
            assertThat(old.states()).extracting(RequestRecord.State::state).containsExactly("RECEIVED", "PROCESSED");
            assertThat(stores.reads().logs(new LogQuery("acme", null, null, null, null, null, 10, null)).items())
                    .extracting(RequestRecord::requestId).containsExactly("new", "old");
            assertThat(stores.reads().logs(new LogQuery("acme", null, RequestStatus.PROCESSED, null, null, null, 10, null)).items())
                    .extracting(RequestRecord::requestId).containsExactly("new", "old");
        } finally {
            stores.close();
        }
    }
}
