package dev.tidings.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server per test run, started on first use and stopped when the JVM exits; each
 * test class asks it for a database of its own with {@link #createDatabase(String)}.
 *
 * <p>With {@code TIDINGS_TEST_POSTGRES_URL} set (an admin URL such as
 * {@code postgresql://postgres:secret@127.0.0.1:5432/postgres}) that server is used and nothing is
 * started. Otherwise Debian's PostgreSQL binaries {@code initdb} a fresh cluster into a temp dir and
 * {@code pg_ctl} starts it on a free port of 127.0.0.1, its socket in that dir so it never meets a
 * system cluster. PostgreSQL refuses to run as root, so when the tests run as root (CI does) both run
 * as the {@code postgres} OS user, which owns the dir. Durability is switched off: a test server's
 * data is thrown away, and fsyncs would only slow the suite.
 */
public final class PostgresServer {
    static final String ENV_URL = "TIDINGS_TEST_POSTGRES_URL";
    private static final String USER = "tidings";
    private static final String PASSWORD = "tidings-test";
    private static PostgresServer instance;

    private final PostgresUrl admin;
    private final Path dir; // null for an external server

    private PostgresServer(PostgresUrl admin, Path dir) {
        this.admin = admin;
        this.dir = dir;
    }

    /** The run's server, started on the first call. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            String external = System.getenv(ENV_URL);
            instance = external != null && !external.isBlank()
                    ? new PostgresServer(PostgresUrl.parse(external), null)
                    : startLocal();
        }
        return instance;
    }

    /**
     * A new, empty database named {@code name} (lower-cased; letters, digits and '_'), dropped first
     * if a previous run left it on an external server. Returns where it is, with credentials.
     */
    public synchronized PostgresUrl createDatabase(String name) {
        String db = name.toLowerCase(Locale.ROOT);
        if (!db.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be letters, digits and '_': " + name);
        }
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db + " on " + admin, e);
        }
        return admin.withDatabase(db);
    }

    /** The maintenance database's URL, with the superuser's credentials. */
    public PostgresUrl adminUrl() {
        return admin;
    }

    private static PostgresServer startLocal() {
        Path bin = binDir();
        try {
            Path dir = Files.createTempDirectory("tidings-pg-");
            Path data = dir.resolve("data");
            Path log = dir.resolve("server.log");
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n");
            Files.createFile(log);
            boolean root = ChildProcesses.runningAsRoot();
            if (root) {
                ChildProcesses.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir.resolve("chown.log"), 30);
            }
            ChildProcesses.run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                    "--locale=C", "--no-sync"), log, 120);
            int port = ChildProcesses.freePort();
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            ChildProcesses.run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    log.toString(), "-w", "-t", "60", "-o", options, "start"), dir.resolve("pg_ctl.log"), 90);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, data, dir), "postgres-stop"));
            return new PostgresServer(new PostgresUrl("127.0.0.1", port, "postgres", USER, PASSWORD), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(boolean root, Path bin, Path data, Path dir) {
        try {
            ChildProcesses.run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                    "-w", "-t", "30", "stop"), dir.resolve("pg_ctl.log"), 60);
        } finally {
            ChildProcesses.deleteTree(dir);
        }
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * The server binaries: {@code TIDINGS_PG_BIN} when set, else the newest Debian install under
     * /usr/lib/postgresql (Debian keeps initdb and pg_ctl off the PATH), else pg_config's bindir.
     */
    static Path binDir() {
        String override = System.getenv("TIDINGS_PG_BIN");
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresServer::versionNumber))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Paths.get(entry, "initdb"))) {
                return Paths.get(entry).toAbsolutePath();
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: install Debian's postgresql package, "
                + "set TIDINGS_PG_BIN, or give a running server in " + ENV_URL);
    }

    private static int versionNumber(Path versionDir) {
        String name = versionDir.getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : -1;
    }
}
