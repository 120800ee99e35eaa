package dev.tidings.app;

import dev.tidings.api.AdminRoutes;
import dev.tidings.api.AdminServices;
import dev.tidings.cluster.ClusterBackend;
import dev.tidings.console.ConsoleRoutes;
import dev.tidings.cluster.KafkaDestinationSender;
import dev.tidings.config.BuildInfo;
import dev.tidings.config.Deployment;
import dev.tidings.destinations.AddressPolicy;
import dev.tidings.destinations.Destinations;
import dev.tidings.destinations.SecretKeys;
import dev.tidings.destinations.WebhookSender;
import dev.tidings.config.ServerConfig;
import dev.tidings.embedded.DataDirInUseException;
import dev.tidings.embedded.EmbeddedBackend;
import dev.tidings.http.ConnectionLimit;
import dev.tidings.http.HttpRoutes;
import dev.tidings.http.HttpVerticle;
import dev.tidings.http.OpenApiDocument;
import dev.tidings.intake.IntakeJson;
import dev.tidings.intake.IntakeMetrics;
import dev.tidings.intake.PipelineLagGate;
import dev.tidings.intake.IntakeRoutes;
import dev.tidings.loyalty.Evaluator;
import dev.tidings.loyalty.LoyaltyEngine;
import dev.tidings.loyalty.LoyaltyServices;
import dev.tidings.pipeline.PipelineWorker;
import dev.tidings.pipeline.SharedPipelineControl;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryStore;
import dev.tidings.registry.Webhooks;
import dev.tidings.store.Backend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final long SYNC_EVERY_MS = 1_000;
    private static final long LAG_EVERY_MS = 200;
    /** Lag with no commit for this long makes {@code /health/ready} 503 (docs/operations.md). */
    private static final long STUCK_AFTER_MS = 30_000;

    private final Vertx vertx;
    /** Closed in this order after the HTTP servers stopped. */
    private final List<AutoCloseable> backends;
    private final int port;
    private final String baseUrl;
    private final Optional<String> generatedRootToken;
    private final String cluster;
    private volatile boolean closed;
    private HttpRoutes routes;

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
        return start(config, Clock.systemUTC());
    }

    /**
     * With the clock every time-dependent part reads (receipt times, loyalty windows, release and
     * expiry): the system clock in production; tests pass one they can move forward.
     */
    public static Tidings start(ServerConfig config, Clock clock) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Opening the store and the log (migrations, the registry) is half of the start-up and needs
        // nothing of what is built beside it here, so it runs on a thread of its own meanwhile.
        CompletableFuture<Opened> opening = CompletableFuture.supplyAsync(() -> open(config, meters, clock),
                task -> new Thread(task, "tidings-open").start());
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        Gauge.builder("tidings_build", () -> 1).description("Always 1; the running build's version is the tag (Prometheus text drops the _info suffix of gauges)")
                .tag("version", BuildInfo.current().version()).register(meters);
        ServerConfig.Performance performance = config.performance();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(performance.eventLoops())
                .setWorkerPoolSize(performance.workerThreads()));
        Deployment.Role role = config.deployment().role();
        String apiDocument = role.intake() ? OpenApiDocument.assemble(BuildInfo.current().version()) : null;
        Opened opened;
        try {
            opened = awaitOpened(opening);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        Backend backend = opened.backend();
        Registry registry = opened.registry();
        RegistryStore registryStore = backend.registryStore();
        Orgs orgs = new Orgs(registryStore, registry, clock);
        Definitions definitions = new Definitions(registryStore, registry, clock);
        Webhooks webhooks = new Webhooks(registryStore, registry, clock);
        RootToken.Resolved root = RootToken.resolve(config.adminToken(), registryStore, config.dataDir());
        if (config.demo()) {
            Demo.seed(registry, orgs, definitions, webhooks);
        }
        PipelineWorker pipeline = role.worker() ? new PipelineWorker(backend.consumer(), backend.heads(),
                backend.pipelineStore(), registry, definitions, meters, clock) : null;
        Evaluator evaluator = new Evaluator();
        LoyaltyServices loyalty = LoyaltyServices.create(backend.loyaltyStore(), registry, evaluator, clock);
        // Every worker runs the engine; the store lets one at a time move its position (LoyaltyEngine).
        LoyaltyEngine loyaltyEngine = role.worker() ? new LoyaltyEngine(backend.outbox(), backend.loyaltyStore(), registry,
                evaluator, meters, clock) : null;
        SharedPipelineControl control = new SharedPipelineControl(registryStore, backend.pipelineStore(), backend.heads(),
                pipeline);
        if (pipeline != null) {
            control.apply();
            pipeline.start();
        }
        if (loyaltyEngine != null) {
            loyaltyEngine.start();
        }

        PipelineLagGate lagGate = new PipelineLagGate(performance.maxPipelineLag());
        watchLag(vertx, lagGate, pipeline, control);
        Destinations destinations = destinations(config, backend, registry, meters, clock);
        vertx.setPeriodic(PURGE_EVERY_MS, id -> vertx.executeBlocking(() -> {
            backend.housekeeping();
            return null;
        }, false).onFailure(e -> LOG.warn("Housekeeping failed; next try in a minute: {}", e.getMessage())));
        // Changes made elsewhere (another node, the pipeline's verifications, an operator's pause) reach
        // this node within a second even when a notification was missed.
        vertx.setPeriodic(SYNC_EVERY_MS, id -> vertx.executeBlocking(() -> {
            registry.catchUp();
            control.apply();
            return null;
        }, false).onFailure(e -> LOG.warn("Registry catch-up failed; retrying: {}", e.getMessage())));
        backend.onRegistryChange(() -> vertx.executeBlocking(registry::catchUp, false)
                .onFailure(e -> LOG.warn("Registry catch-up failed; retrying: {}", e.getMessage())));
        AtomicInteger boundPort = new AtomicInteger();
        // Batch, Segment-compatible API, mappings, idempotency, rate limits (DESIGN §8) over one intake core.
        IntakeRoutes intakeRoutes = role.intake() ? new IntakeRoutes(new IntakeRoutes.Parts(vertx, registry, backend.appender(),
                backend.intakeKeys(), backend.readStore(), new IntakeMetrics(meters), clock, lagGate),
                new IntakeJson(config.limits().maxNestingDepth(), config.limits().maxBodyBytes()), config.cluster(),
                config.limits().maxBodyBytes(), config.intakeWays()) : null;
        if (role.intake()) {
            long windowMs = config.intakeWays().idempotencyWindow().toMillis();
            vertx.setPeriodic(PURGE_EVERY_MS, id -> vertx.executeBlocking(() -> backend.intakeKeys().purge(clock.millis() - windowMs), false)
                    .onFailure(e -> LOG.warn("Purging idempotency keys failed; next try in a minute: {}", e.getMessage())));
        }
        HttpRoutes routes = role.intake()
                ? new HttpRoutes(
                        intakeRoutes.single(),
                        ConsoleRoutes.before(new AdminRoutes(root.sha256Hex(),
                                new AdminServices(registry, orgs, definitions, webhooks, backend.readStore(), control, clock,
                                        destinations, loyalty, backend.pendingRequests(),
                                        intakeRoutes.reprocessor(backend.pendingRequests())),
                                // Webhook URLs need the port, known only after bind when port 0 was asked for.
                                () -> config.baseUrl(boundPort.get()), config.cluster())::mount),
                        meters, () -> notReady(backend, pipeline), config.limits().maxBodyBytes(), intakeRoutes::mount, apiDocument)
                // A worker serves only its health and metrics.
                : new HttpRoutes(null, router -> { }, meters, () -> notReady(backend, pipeline), config.limits().maxBodyBytes(), router -> { }, null);
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
        int instances = performance.eventLoops();
        try {
            vertx.deployVerticle(() -> new HttpVerticle(routes, options, boundPort, connectionLimit,
                            config.limits().idleTimeout().toMillis()),
                    new DeploymentOptions().setInstances(instances)).await();
        } catch (Exception e) {
            closeAll(closeOrder(destinations, pipeline, loyaltyEngine, backend));
            vertx.close().await();
            throw e;
        }
        LOG.info("Started tidings {}: {} as {}, recovered lag {} entries", BuildInfo.current().version(),
                backend.describe(), role.name().toLowerCase(Locale.ROOT), pipeline == null ? "n/a" : pipeline.lag());
        Tidings started = new Tidings(vertx, closeOrder(destinations, pipeline, loyaltyEngine, backend), boundPort.get(),
                config.baseUrl(boundPort.get()), root.generated(), config.cluster());
        started.routes = routes;
        return started;
    }

    /** Why this node is not ready, or null: a log that cannot commit, or a stuck pipeline. */
    private static String notReady(Backend backend, PipelineWorker pipeline) {
        if (!backend.healthy()) {
            return "the store or the event log is not working (" + backend.describe() + ")";
        }
        return pipeline == null ? null : pipeline.stuckReason(STUCK_AFTER_MS);
    }

    /** Every route this node serves, as {@code "GET /health/live"} (the OpenAPI document must cover them). */
    public List<String> routeTable() {
        return routes.routeTable();
    }

    /**
     * Measures the pipeline's lag for the intake's back-pressure off the event loop: from the local
     * worker's own positions when this node has one, else from the shared store and the log's ends. A
     * measurement still running skips the next tick rather than queueing behind it.
     */
    private static void watchLag(Vertx vertx, PipelineLagGate gate, PipelineWorker pipeline, SharedPipelineControl control) {
        AtomicBoolean measuring = new AtomicBoolean();
        vertx.setPeriodic(LAG_EVERY_MS, id -> {
            if (!measuring.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> {
                long lag = 0;
                if (pipeline != null) {
                    lag = pipeline.lag();
                } else {
                    for (var p : control.partitions()) {
                        lag += p.lag();
                    }
                }
                gate.observe(lag);
                return null;
            }, false).onComplete(done -> {
                measuring.set(false);
                if (done.failed()) {
                    LOG.debug("Measuring the pipeline lag failed; next try in {} ms: {}", LAG_EVERY_MS,
                            done.cause().getMessage());
                }
            });
        });
    }

    /**
     * Destinations (DESIGN §9): the admin side on every node that serves the API, the delivery engine on
     * nodes that run the pipeline. Webhooks through the Vert.x sender, Kafka through the
     * cluster package's producer-backed sender, whichever deployment this is.
     */
    private static Destinations destinations(ServerConfig config, Backend backend, Registry registry,
            PrometheusMeterRegistry meters, Clock clock) {
        ServerConfig.Destinations settings = config.destinations();
        AddressPolicy addresses = new AddressPolicy(settings.allowPrivate());
        Destinations destinations = new Destinations(backend.destinationStore(),
                SecretKeys.resolve(settings.secretKey(), config.dataDir()), registry, addresses, clock);
        if (config.deployment().role().worker()) {
            destinations.startEngine(backend.outbox(), WebhookSender.start(addresses, clock), new KafkaDestinationSender(),
                    meters, settings.disableAfter());
        }
        return destinations;
    }

    private record Opened(Backend backend, Registry registry) {}

    /** The store and the log, open, with the registry loaded from them. */
    private static Opened open(ServerConfig config, PrometheusMeterRegistry meters, Clock clock) {
        Backend backend = backend(config, meters, clock);
        Registry registry = Registry.load(backend.registryStore());
        backend.open(registry);
        return new Opened(backend, registry);
    }

    /** Waits for {@link #open}; its failure is thrown as it was thrown there (a StartFailure stays one). */
    private static Opened awaitOpened(CompletableFuture<Opened> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The one place that picks the deployment. */
    private static Backend backend(ServerConfig config, PrometheusMeterRegistry meters, Clock clock) {
        Deployment d = config.deployment();
        if (d.cluster()) {
            return new ClusterBackend(d, config.rejectedRetention(), config.customerData().eventRetention(), meters, clock);
        }
        try {
            return new EmbeddedBackend(config.dataDir(), config.limits().logQueueCapacity(), config.rejectedRetention(),
                    config.customerData().eventRetention(), meters, clock);
        } catch (DataDirInUseException e) {
            throw new StartFailure(e.getMessage());
        }
    }

    /**
     * The pipeline stops first (what it has not reached replays on the next start); then the backend
     * drains the log's writer and closes the databases.
     */
    private static List<AutoCloseable> closeOrder(PipelineWorker pipeline, Backend backend) {
        return pipeline == null ? List.of(backend) : List.of(pipeline, backend);
    }

    /**
     * The delivery engine stops first (what it has not recorded is sent again after the next start), then
     * the pipeline, then the loyalty engine, before the databases close.
     */
    private static List<AutoCloseable> closeOrder(Destinations destinations, PipelineWorker pipeline, LoyaltyEngine engine,
            Backend backend) {
        List<AutoCloseable> order = new java.util.ArrayList<>();
        order.add(destinations);
        if (pipeline != null) {
            order.add(pipeline);
        }
        if (engine != null) {
            order.add(engine);
        }
        order.add(backend);
        return order;
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
