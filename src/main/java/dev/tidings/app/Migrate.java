package dev.tidings.app;

import dev.tidings.cluster.PostgresDatabase;
import dev.tidings.cluster.PostgresUrl;
import dev.tidings.embedded.DataDirInUseException;
import dev.tidings.embedded.EmbeddedBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code tidings migrate}: applies the schema migrations of the configured store and exits. A cluster
 * runs it once before starting nodes (serve also migrates, safely when several start at once).
 */
public final class Migrate {
    private Migrate() {}

    /** Returns a line saying what was done. */
    public static String run(Path dataDir, String postgresUrl) {
        if (postgresUrl != null) {
            PostgresUrl url = PostgresUrl.parse(postgresUrl);
            int applied = PostgresDatabase.migrateOnly(url);
            return "PostgreSQL " + url + ": " + (applied == 0 ? "schema is up to date" : applied + " migrations applied");
        }
        // Opening the embedded store applies its migrations, under the data-dir lock.
        try (EmbeddedBackend backend = new EmbeddedBackend(dataDir, 16, Duration.ofDays(7), new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            return "SQLite in " + dataDir + ": schema is up to date";
        } catch (DataDirInUseException e) {
            throw new StartFailure(e.getMessage());
        }
    }
}
