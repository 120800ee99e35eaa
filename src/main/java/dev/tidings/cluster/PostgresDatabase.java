package dev.tidings.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A pool of connections to the cluster's PostgreSQL database, and its schema migrations.
 *
 * <p>Migrations come from {@code classpath:db/postgres} and are recorded in a history table of their
 * own ({@value #HISTORY_TABLE}), so the database can be shared with other tools' Flyway histories.
 * Several nodes may start at once: Flyway serialises them with a PostgreSQL advisory lock, and the
 * ones that find the schema current apply nothing.
 *
 * <p>Thread-safe; connections are handed to whichever thread asks (never an event loop: a connection
 * may wait up to the pool's connection timeout). It deliberately does not retry: callers decide with
 * {@link PostgresErrors} whether a failure is worth another attempt.
 */
public final class PostgresDatabase implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/postgres";
    public static final String HISTORY_TABLE = "tidings_schema_history";

    private final PostgresUrl url;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /**
     * Opens the pool without waiting for the server, so a node can start (and report not-ready)
     * while PostgreSQL is down; the first {@link #connection()} then fails retryably.
     */
    public static PostgresDatabase open(PostgresUrl url, PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name());
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(settings.maximumSize());
        // A fixed-size pool: opening a connection costs a PostgreSQL backend process, better paid once.
        config.setMinimumIdle(settings.maximumSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2_000));
        // Below PostgreSQL's and most proxies' idle cut-offs, so the pool retires connections first.
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.setInitializationFailTimeout(-1);
        // Statements that hang (a lock held by a stuck session) fail instead of pinning a connection.
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "tidings");
        // Server-side prepared statements after the first use: the hot statements are few and repeated.
        config.addDataSourceProperty("prepareThreshold", "1");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new PostgresDatabase(url, new HikariDataSource(config));
    }

    /** Opens the pool and applies the migrations: what {@code serve} does on start. */
    public static PostgresDatabase openAndMigrate(PostgresUrl url, PoolSettings settings) {
        PostgresDatabase database = open(url, settings);
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Applies the migrations over a short-lived pool and returns how many were applied: {@code tidings
     * migrate}. Two connections, because Flyway holds one for its lock while it migrates on another.
     */
    public static int migrateOnly(PostgresUrl url) {
        try (PostgresDatabase database = open(url, new PoolSettings("tidings-migrate", 2, PoolSettings.DEFAULT_CONNECTION_TIMEOUT))) {
            return database.migrate();
        }
    }

    /**
     * Applies pending migrations; returns how many this call applied (0 when another node was first).
     * Needs two free connections of the pool for the time it runs.
     */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                // A database that already holds tables (created by hand, or another tool) is not ours to baseline.
                .baselineOnMigrate(false)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** A pooled connection; close it to give it back. Fails with a retryable SQLException while the server is unreachable. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public DataSource dataSource() {
        return pool;
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
