package dev.tidings.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The PostgreSQL pool, migrations and error classification against a real server. */
class PostgresDatabaseIT {
    private static final PostgresServer SERVER = PostgresServer.get();

    @Test
    void migrationsCreateTheSchemaOnAFreshDatabaseOnce() throws SQLException {
        PostgresUrl url = SERVER.createDatabase("pg_fresh");

        long migrations;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/postgres"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(PostgresDatabase.migrateOnly(url)).as("every migration applied").isEqualTo((int) migrations);
        assertThat(PostgresDatabase.migrateOnly(url)).as("a second run finds the schema current").isZero();

        try (PostgresDatabase db = PostgresDatabase.open(url, PoolSettings.defaults("test"));
             Connection c = db.connection()) {
            assertThat(tables(c)).contains("settings", "orgs", "event_definitions", "webhooks", "customers",
                    "customer_identifiers", "requests", "events", "unique_keys", "log_positions", "outbox",
                    "outbox_positions", "outbox_counter", "registry_changes", "registry_counter", PostgresDatabase.HISTORY_TABLE);
        }
    }

    @Test
    void twoNodesMigratingAtTheSameMomentBothStartAndTheSchemaIsAppliedOnce() throws Exception {
        PostgresUrl url = SERVER.createDatabase("pg_concurrent");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<PostgresDatabase>> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "node-" + i;
            nodes.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return PostgresDatabase.openAndMigrate(url, PoolSettings.defaults(name));
            }));
        }
        go.countDown();

        List<PostgresDatabase> opened = new ArrayList<>();
        for (CompletableFuture<PostgresDatabase> node : nodes) {
            opened.add(node.get(60, TimeUnit.SECONDS));
        }
        try (Connection c = opened.get(0).connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PostgresDatabase.HISTORY_TABLE + " WHERE success AND version = '1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        } finally {
            opened.forEach(PostgresDatabase::close);
        }
    }

    @Test
    void aUniqueViolationIsPermanentAndRecognisedAsSuch() throws SQLException {
        PostgresUrl url = SERVER.createDatabase("pg_unique");
        try (PostgresDatabase db = PostgresDatabase.openAndMigrate(url, PoolSettings.defaults("test"));
             Connection c = db.connection()) {
            claimKey(c, "r1");
            SQLException failure = catchThrowableOfType(SQLException.class, () -> claimKey(c, "r2"));

            assertThat(PostgresErrors.classify(failure)).isEqualTo(PostgresErrors.PERMANENT);
            assertThat(PostgresErrors.isUniqueViolation(failure)).isTrue();
        }
    }

    @Test
    void aServerThatCannotBeReachedIsARetryableFailure() {
        PostgresUrl nowhere = new PostgresUrl("127.0.0.1", ChildProcesses.freePort(), "tidings", "tidings", "x");
        try (PostgresDatabase db = PostgresDatabase.open(nowhere,
                PoolSettings.defaults("unreachable").withConnectionTimeout(Duration.ofMillis(500)))) {
            SQLException failure = catchThrowableOfType(SQLException.class, db::connection);

            assertThat((Throwable) failure).isNotNull();
            assertThat(PostgresErrors.isRetryable(failure)).isTrue();
        }
    }

    @Test
    void aRegistryChangeNotifiesListenersWithItsSequenceOnCommit() throws SQLException {
        PostgresUrl url = SERVER.createDatabase("pg_notify");
        try (PostgresDatabase db = PostgresDatabase.openAndMigrate(url, PoolSettings.defaults("test"));
             Connection listener = db.connection(); Connection writer = db.connection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN tidings_registry");
            }
            long seq;
            try (Statement s = writer.createStatement();
                 ResultSet rs = s.executeQuery("INSERT INTO registry_changes (seq, kind, entity_id, at) VALUES (7, 'WEBHOOK', 'w1', 1) RETURNING seq")) {
                rs.next();
                seq = rs.getLong(1);
            }

            // Blocks until a notification arrives or 10 s pass: the driver's own wait, not a sleep.
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(received).extracting(PGNotification::getName, PGNotification::getParameter)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("tidings_registry", Long.toString(seq)));
        }
    }

    @Test
    void bothUrlFormsNameTheSameDatabaseAndBadOnesSayWhy() {
        PostgresUrl libpq = PostgresUrl.parse("postgresql://tid:p%40ss@db.example:6543/tidings");
        PostgresUrl jdbc = PostgresUrl.parse("jdbc:postgresql://db.example:6543/tidings?user=tid&password=p@ss");

        assertThat(libpq).isEqualTo(jdbc);
        assertThat(libpq.password()).isEqualTo("p@ss");
        assertThat(libpq.toString()).doesNotContain("p@ss");
        assertThat(PostgresUrl.parse(libpq.toUrl())).isEqualTo(libpq);
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://a@b/c")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://tid@db/")).hasMessageContaining("database");
    }

    private static void claimKey(Connection c, String requestId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO unique_keys (org_id, unique_key, request_id) VALUES (?, ?, ?)")) {
            insert.setString(1, "org");
            insert.setString(2, "order-1");
            insert.setString(3, requestId);
            insert.executeUpdate();
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
