package dev.tidings.app;

import dev.tidings.api.AdminRoutes;
import dev.tidings.api.AdminServices;
import dev.tidings.config.ServerConfig;
import dev.tidings.intake.IntakeJson;
import dev.tidings.intake.IntakeMetrics;
import dev.tidings.intake.WebhookHandler;
import dev.tidings.log.EventLog;
import dev.tidings.log.SqliteEventLog;
import dev.tidings.pipeline.PipelineWorker;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.SqliteRegistryStore;
import dev.tidings.registry.Webhooks;
import dev.tidings.store.SqliteDatabase;
import dev.tidings.store.SqlitePipelineStore;
import dev.tidings.store.SqliteReadStore;
import dev.tidings.store.SqliteRejectedRequestPurger;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that picks implementations (today the embedded SQLite log and
 * store) and wires intake, admin API, pipeline and HTTP. {@link #close} is the graceful shutdown:
 * stop taking requests, let in-flight ones get their commit, drain the writer, close the databases.
 */
public final class Tidings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tidings.class);
    private static final long PURGE_EVERY_MS = 60_000;

    private final Vertx vertx;
    /** Closed in this order after the HTTP servers stopped. */
    private final List<AutoCloseable> backends;
    private final int port;
    private final String baseUrl;
    private final Optional<String> generatedRootToken;
    private final String cluster;
    private volatile boolean closed;

    private Tidings(Vertx vertx, List<AutoCloseable> backends, int port, String baseUrl,
            Optional<String> generatedRootToken, String cluster) {
        this.cluster = cluster;
        this.vertx = vertx;
        this.backends = backends;
        this.port = port;
        this.baseUrl = baseUrl;
        this.generatedRootToken = generatedRootToken;
    }

    public static Tidings start(ServerConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        SqliteDatabase storeDb = SqliteDatabase.open(config.dataDir().resolve("tidings.db"), "store", true);
        SqliteDatabase logDb = SqliteDatabase.open(config.dataDir().resolve("log.db"), "log");
        SqliteRegistryStore registryStore = new SqliteRegistryStore(storeDb);
        Registry registry = Registry.load(registryStore);
        Orgs orgs = new Orgs(registryStore, registry, clock);
        Definitions definitions = new Definitions(registryStore, registry, clock);
        Webhooks webhooks = new Webhooks(registryStore, registry, clock);
        RootToken.Resolved root = RootToken.resolve(config.adminToken(), registryStore, config.dataDir());
        if (config.demo()) {
            Demo.seed(registry, orgs, definitions, webhooks);
        }
        EventLog log = new SqliteEventLog(logDb, config.limits().logQueueCapacity(), meters);
        PipelineWorker pipeline = new PipelineWorker(log, new SqlitePipelineStore(storeDb), registry, definitions,
                meters, clock);
        pipeline.start();

        SqliteReadStore reads = new SqliteReadStore(storeDb);
        Vertx vertx = Vertx.vertx();
        SqliteRejectedRequestPurger purger = new SqliteRejectedRequestPurger(storeDb, config.rejectedRetention(), clock);
        vertx.setPeriodic(PURGE_EVERY_MS, id -> vertx.executeBlocking(purger::purge, false)
                .onFailure(e -> LOG.warn("Purging rejected requests failed; next try in a minute: {}", e.getMessage())));
        AtomicInteger boundPort = new AtomicInteger();
        HttpRoutes routes = new HttpRoutes(
                new WebhookHandler(vertx, registry, log,
                        new IntakeJson(config.limits().maxNestingDepth(), config.limits().maxBodyBytes()),
                        config.cluster(), new IntakeMetrics(meters), clock),
                new AdminRoutes(root.sha256Hex(),
                        new AdminServices(registry, orgs, definitions, webhooks, reads, pipeline, clock),
                        // Webhook URLs need the port, known only after bind when port 0 was asked for.
                        () -> config.baseUrl(boundPort.get()), config.cluster()),
                meters, log::healthy, config.limits().maxBodyBytes());
        ConnectionLimit connectionLimit = new ConnectionLimit(config.limits().maxConnections());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxHeaderSize(config.limits().maxHeaderBytes())
                // SlowClientGuard answers slow senders with 408 at the idle timeout; Netty's own idle
                // timeout, at twice that, is the backstop for connections that stall otherwise (a client
                // that stops reading its answer) and must not close a slow sender before the 408 is sent.
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.limits().idleTimeout().toMillis() * 2))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                // gzip bodies (DESIGN §3); the body limit counts the decompressed bytes, so a bomb gets 413.
                .setDecompressionSupported(true);
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            vertx.deployVerticle(() -> new HttpVerticle(routes, options, boundPort, connectionLimit,
                            config.limits().idleTimeout().toMillis()),
                    new DeploymentOptions().setInstances(instances)).await();
        } catch (Exception e) {
            closeAll(backends(pipeline, log, reads, storeDb, logDb));
            vertx.close().await();
            throw e;
        }
        return new Tidings(vertx, backends(pipeline, log, reads, storeDb, logDb), boundPort.get(),
                config.baseUrl(boundPort.get()), root.generated(), config.cluster());
    }

    /**
     * The pipeline stops before the log closes its reader (what it has not reached replays on the next
     * start); the log drains its writer; the databases go last.
     */
    private static List<AutoCloseable> backends(PipelineWorker pipeline, EventLog log, SqliteReadStore reads,
            SqliteDatabase storeDb, SqliteDatabase logDb) {
        return List.of(pipeline, log, reads, storeDb, logDb);
    }

    private static void closeAll(List<AutoCloseable> backends) {
        for (AutoCloseable c : backends) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c, e.getMessage());
            }
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The seed's sample curl pointed at this server (meaningful with {@code --demo}). */
    public String demoCurl() {
        return Demo.curl(baseUrl, cluster);
    }

    public Optional<String> generatedRootToken() {
        return generatedRootToken;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down: no new requests, finishing in-flight ones");
        try {
            vertx.deploymentIDs().forEach(id -> vertx.undeploy(id).await());
        } catch (RuntimeException e) {
            LOG.warn("HTTP shutdown was not clean: {}", e.getMessage());
        }
        closeAll(backends);
        vertx.close().await();
        LOG.info("Stopped");
    }
}
