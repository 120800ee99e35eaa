package dev.tidings.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.config.Deployment;
import dev.tidings.config.ServerConfig;
import dev.tidings.log.LogCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Base64;

/**
 * The real server, in process, on a random port of 127.0.0.1 with a fresh data directory — the one
 * way black-box tests start Tidings. Requests go through real HTTP.
 */
public final class TestServer implements AutoCloseable {
    public static final String ROOT_TOKEN = "test-root-token-0123456789";
    public static final String SEED_WEBHOOK = Demo.WEBHOOK_ID;
    public static final String SEED_CREDENTIAL = Demo.CREDENTIAL;
    public static final String SEED_BODY = "{\"age\":20,\"customer_id\":\"9933772255\",\"event_name\":\"be_reserved\","
            + "\"external_event_id\":\"RAND121\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\","
            + "\"eventDateTime\":\"2024-04-11 12:00:00\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean CLUSTER = "cluster".equals(System.getProperty("tidings.test.backend"));

    private final Tidings tidings;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Tidings tidings, Path dataDir) {
        this.tidings = tidings;
        this.dataDir = dataDir;
    }

    public static TestServer start() {
        return start(false);
    }

    /** With {@code demo}, the seed's org, event and webhook exist. */
    public static TestServer start(boolean demo) {
        try {
            return start(Files.createTempDirectory("tidings-test"), demo, 32 * 1024);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start(Path dataDir, boolean demo, int maxBodyBytes) {
        return start(dataDir, demo, limits(maxBodyBytes, 1000, Duration.ofSeconds(30)));
    }

    /** The serve defaults but for the body limit, the connection cap and the idle timeout. */
    public static ServerConfig.Limits limits(int maxBodyBytes, int maxConnections, Duration idleTimeout) {
        return new ServerConfig.Limits(maxBodyBytes, 16, 8192, maxConnections, 8192, idleTimeout);
    }

    /** A fresh data directory with the seed's example and the given limits. */
    public static TestServer startSeeded(ServerConfig.Limits limits) {
        try {
            return start(Files.createTempDirectory("tidings-test"), true, limits);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start(Path dataDir, boolean demo, ServerConfig.Limits limits) {
        return start(dataDir, demo, limits, ROOT_TOKEN);
    }

    /**
     * With {@code rootToken} null the server generates one, as on a first start without --admin-token.
     * Under {@code -Dtidings.test.backend=cluster} the server runs on the cluster deployment instead: a
     * fresh database on the test run's PostgreSQL and a fresh topic on its Kafka broker.
     */
    public static TestServer start(Path dataDir, boolean demo, ServerConfig.Limits limits, String rootToken) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, "local", null, rootToken, demo, limits,
                Duration.ofDays(7), deployment(dataDir));
        try {
            return new TestServer(Tidings.start(config), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }

    /**
     * A fresh data directory (with the seed's example when {@code demo}) and these destination settings;
     * destination tests pass {@code allowPrivate} so they can deliver to a sink on 127.0.0.1.
     */
    public static TestServer start(boolean demo, ServerConfig.Destinations destinations) {
        try {
            Path dataDir = Files.createTempDirectory("tidings-test");
            return start(new ServerConfig("127.0.0.1", 0, dataDir, "local", null, ROOT_TOKEN, demo,
                    limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7), deployment(dataDir), destinations));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedded default, or a fresh cluster deployment when the test run asks for one. */
    static Deployment deployment(Path dataDir) {
        return CLUSTER ? ClusterDeployments.forDataDir(dataDir) : Deployment.embedded();
    }

    /** True when black-box tests run against PostgreSQL and Kafka. */
    public static boolean cluster() {
        return CLUSTER;
    }

    /**
     * A fresh server (embedded, or the cluster deployment under -Dtidings.test.backend=cluster) whose
     * clock the test controls: for loyalty windows, release and expiry.
     */
    public static TestServer start(Clock clock) {
        return start(clock, false);
    }

    /** {@link #start(Clock)}, with the seed's org, event and webhook when {@code demo}. */
    public static TestServer start(Clock clock, boolean demo) {
        try {
            Path dataDir = Files.createTempDirectory("tidings-test");
            ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, "local", null, ROOT_TOKEN, demo,
                    limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7), deployment(dataDir));
            return new TestServer(Tidings.start(config, clock), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }

    /**
     * A fresh server (embedded, or the cluster deployment under -Dtidings.test.backend=cluster) with these
     * customer-data settings and a clock the test controls: for event retention.
     */
    public static TestServer start(ServerConfig.CustomerData customerData, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("tidings-test");
            ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, "local", null, ROOT_TOKEN, false,
                    limits(32 * 1024, 1000, Duration.ofSeconds(30)), Duration.ofDays(7), deployment(dataDir),
                    ServerConfig.Performance.defaults(), ServerConfig.IntakeWays.DEFAULTS, ServerConfig.Destinations.defaults(),
                    customerData);
            return new TestServer(Tidings.start(config, clock), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }

    /** A server started exactly from {@code config}, as {@code serve} would; the caller picks port 0 and a temp dir. */
    public static TestServer start(ServerConfig config) {
        try {
            return new TestServer(Tidings.start(config), config.dataDir());
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + tidings.port();
    }

    public Optional<String> generatedRootToken() {
        return tidings.generatedRootToken();
    }

    public int port() {
        return tidings.port();
    }

    /** The routes the server's router has, as {@code "GET /health/live"}. */
    public List<String> routeTable() {
        return tidings.routeTable();
    }

    /** The seed's valid event posted with the seed's credential. */
    public Answer postSeedEvent() {
        return postEvent(SEED_WEBHOOK, SEED_CREDENTIAL, SEED_BODY);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A plain answer: status, body text, and the body as JSON when it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("answer is not JSON: " + body, e);
            }
        }
    }

    /** POSTs a body to a webhook path with a Basic credential (null for none) and JSON content type. */
    public Answer postEvent(String webhookId, String credential, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/local/webhooks/" + webhookId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", basic(credential));
        }
        return send(b.build());
    }

    /** An admin call with the given bearer token (null for none); body null for none. */
    public Answer admin(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** An admin call with the root token. */
    public Answer root(String method, String path, String body) {
        return admin(method, path, ROOT_TOKEN, body);
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String credential) {
        return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every request id on disk: in the log ({@code log.db}) and, for entries the pipeline already took and
     * the writer released from the log, in the store's {@code requests} table. Read straight from the
     * files, so it also works after {@link #close}.
     */
    public static Set<String> storedRequestIds(Path dataDir) {
        Set<String> ids = new HashSet<>();
        ids.addAll(storedRequestIdsInLog(dataDir.resolve("log.db")));
        // A processed request's record is its events row (V9); every other one is a requests row.
        ids.addAll(column(dataDir.resolve("tidings.db"), "SELECT request_id FROM requests UNION SELECT request_id FROM events"));
        return ids;
    }

    /** The request ids of the records in one log file. */
    public static List<String> storedRequestIdsInLog(Path logFile) {
        List<String> ids = new ArrayList<>();
        for (byte[] payload : columnBytes(logFile, "SELECT payload FROM log_records")) {
            ids.add(LogCodec.decode(payload).requestId());
        }
        return ids;
    }

    private static List<String> column(Path file, String query) {
        List<byte[]> raw = columnBytes(file, query);
        List<String> values = new ArrayList<>(raw.size());
        raw.forEach(b -> values.add(new String(b, StandardCharsets.UTF_8)));
        return values;
    }

    private static List<byte[]> columnBytes(Path file, String query) {
        List<byte[]> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getBytes(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }

    @Override
    public void close() {
        tidings.close();
    }
}
