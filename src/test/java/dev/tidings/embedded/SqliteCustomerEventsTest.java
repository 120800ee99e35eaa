package dev.tidings.embedded;

import static dev.tidings.store.StoreSamples.commitEvents;
import static dev.tidings.store.StoreSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.registry.IdentifierType;
import dev.tidings.store.Cursor;
import dev.tidings.store.EventQuery;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.Page;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.StoreSamples;
import dev.tidings.store.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The customer index filled in sorted bulk (V10): where its rows are, and that reads see every event either way. */
class SqliteCustomerEventsTest {
    private static final Identifier MOBILE = new Identifier(IdentifierType.MOBILE, "9111");

    @TempDir
    Path dir;

    @Test
    void aCustomersEventsAreReadInOrderAcrossPagesWhetherFoldedIntoTheIndexOrStillPending() throws SQLException {
        try (SqliteTestStores stores = new SqliteTestStores(dir, 4)) {
            String customer = customer(stores);
            commitEvents(stores.pipeline(), "log-1", 2, event("a1", "acme", "be_reserved", customer, 100, Map.of()),
                    event("a2", "acme", "be_reserved", customer, 300, Map.of()),
                    event("b1", "acme", "be_reserved", "someone-else", 200, Map.of()),
                    event("a3", "acme", "be_reserved", customer, 200, Map.of()));
            assertThat(rows(stores, "customer_events")).as("a bulk of 4 moves a slice per batch").isLessThan(4);
            commitEmpty(stores, SqliteCustomerEvents.SLICES - 1);
            assertThat(rows(stores, "customer_events")).as("the whole bulk moved").isEqualTo(4);
            commitEvents(stores.pipeline(), "log-1", 3, event("a4", "acme", "be_reserved", customer, 250, Map.of()),
                    event("a5", "acme", "be_ordered", customer, 50, Map.of()));
            assertThat(rows(stores, "customer_events_pending")).isEqualTo(2);

            List<String> seen = new ArrayList<>();
            Cursor cursor = null;
            do {
                Page<StoredEvent> page = stores.reads().events(
                        new EventQuery("acme", null, null, MOBILE, null, null, null, null, Map.of(), 2, cursor));
                page.items().forEach(e -> seen.add(e.requestId()));
                cursor = page.next();
            } while (cursor != null);

            assertThat(seen).containsExactly("a2", "a4", "a3", "a1", "a5");
            assertThat(stores.reads().events(new EventQuery("acme", null, "be_ordered", MOBILE, null, null, null, null,
                    Map.of(), 10, null)).items()).extracting(StoredEvent::requestId).containsExactly("a5");
        }
    }

    @Test
    void erasingACustomerLeavesNoRowOfTheirsInEitherTable() throws SQLException {
        try (SqliteTestStores stores = new SqliteTestStores(dir, 2)) {
            String customer = customer(stores);
            commitEvents(stores.pipeline(), "log-1", 2, event("a1", "acme", "be_reserved", customer, 100, Map.of()),
                    event("a2", "acme", "be_reserved", customer, 200, Map.of()));
            commitEvents(stores.pipeline(), "log-1", 3, event("a3", "acme", "be_reserved", customer, 300, Map.of()),
                    event("b1", "acme", "be_reserved", "someone-else", 200, Map.of()));
            commitEvents(stores.pipeline(), "log-1", 4, event("a4", "acme", "be_reserved", customer, 400, Map.of()));

            assertThat(stores.reads().eraseCustomer("acme", MOBILE)).get()
                    .satisfies(e -> assertThat(e.erased()).containsEntry("events", 4).containsEntry("requests", 4));

            assertThat(rows(stores, "customer_events") + rows(stores, "customer_events_pending"))
                    .as("only someone else's row").isEqualTo(1);
        }
    }

    @Test
    void retentionTakesTheIndexRowsOfThePurgedEventsAndAPendingOneIsDroppedWhenItsBulkIsFolded() throws SQLException {
        try (SqliteTestStores stores = new SqliteTestStores(dir, 3)) {
            stores.registry().insertOrg(StoreSamples.org("acme"), "hash-acme");
            String customer = customer(stores);
            commitEvents(stores.pipeline(), "log-1", 2, event("old1", "acme", "be_reserved", customer, 100, Map.of()),
                    event("old2", "acme", "be_reserved", customer, 200, Map.of()),
                    event("new1", "acme", "be_reserved", customer, 50_000, Map.of()));
            commitEmpty(stores, SqliteCustomerEvents.SLICES - 1);
            commitEvents(stores.pipeline(), "log-1", 3, event("old3", "acme", "be_reserved", customer, 300, Map.of()));
            assertThat(rows(stores, "customer_events")).isEqualTo(3);
            assertThat(rows(stores, "customer_events_pending")).isEqualTo(1);

            assertThat(stores.reads().purgeEventsBefore(10_000)).isEqualTo(3);
            assertThat(rows(stores, "customer_events")).as("the folded old ones went").isEqualTo(1);
            commitEvents(stores.pipeline(), "log-1", 4, event("new2", "acme", "be_reserved", customer, 60_000, Map.of()),
                    event("new3", "acme", "be_reserved", customer, 70_000, Map.of()));
            commitEmpty(stores, SqliteCustomerEvents.SLICES - 1);

            assertThat(rows(stores, "customer_events")).as("old3's pending row was not moved").isEqualTo(3);
            assertThat(rows(stores, "customer_events_pending")).isZero();
            assertThat(stores.reads().events(new EventQuery("acme", null, null, MOBILE, null, null, null, null, Map.of(), 10,
                    null)).items()).extracting(StoredEvent::requestId).containsExactly("new3", "new2", "new1");
        }
    }

    @Test
    void aRolledBackBatchLeavesNoPendingRowAndTheNextBulkMovesWhole() throws SQLException {
        try (SqliteTestStores stores = new SqliteTestStores(dir, 1)) {
            String customer = customer(stores);
            PipelineStore.Batch failing = stores.pipeline().begin();
            failing.insertProcessed(event("a1", "acme", "be_reserved", customer, 100, Map.of()),
                    StoreSamples.processed(event("a1", "acme", "be_reserved", customer, 100, Map.of())));
            failing.rollback();
            commitEvents(stores.pipeline(), "log-1", 2, event("a1", "acme", "be_reserved", customer, 100, Map.of()));
            commitEmpty(stores, SqliteCustomerEvents.SLICES - 1);

            assertThat(rows(stores, "customer_events")).isEqualTo(1);
            assertThat(rows(stores, "customer_events_pending")).isZero();
        }
    }

    /** Batches that store nothing: each moves the next slice of a bulk under way. */
    private static void commitEmpty(SqliteTestStores stores, int batches) {
        for (int i = 0; i < batches; i++) {
            stores.pipeline().begin().commit("log-1", Map.of(0, 100L + i));
        }
    }

    private static String customer(SqliteTestStores stores) {
        PipelineStore.Batch batch = stores.pipeline().begin();
        String id = batch.createCustomer("acme", IdentifierType.MOBILE, MOBILE.value(), 1);
        batch.commit("log-1", Map.of(0, 1L));
        return id;
    }

    private static long rows(SqliteTestStores stores, String table) throws SQLException {
        try (Connection c = stores.database().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
