package dev.tidings.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code serve} needs, validated once at start and frozen. Each field is a flag, a
 * {@code TIDINGS_*} environment variable and a key of the optional YAML file (see {@link ConfigSources}).
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String cluster,
        String publicUrl,
        String adminToken,
        boolean demo,
        Limits limits,
        Duration rejectedRetention,
        Deployment deployment,
        Performance performance,
        IntakeWays intakeWays,
        Destinations destinations,
        CustomerData customerData) {

    /** With the default customer-data settings (no event retention). */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment, Performance performance,
            IntakeWays intakeWays, Destinations destinations) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                performance, intakeWays, destinations, CustomerData.DEFAULTS);
    }

    /**
     * Customer data (issue 12 item 14). {@code eventRetention}: stored events older than this (by event
     * time, and received at least this long ago) are deleted by the minutely housekeeping; null keeps them
     * until their customer is erased.
     */
    public record CustomerData(Duration eventRetention) {
        public static final CustomerData DEFAULTS = new CustomerData(null);

        public CustomerData {
            require(eventRetention == null || !eventRetention.isNegative() && !eventRetention.isZero(), "event-retention",
                    "must be positive");
        }
    }

    /** With the default performance, batch, idempotency and destination settings. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                Performance.defaults(), IntakeWays.DEFAULTS, Destinations.defaults());
    }

    /** With the given performance settings, the other defaults. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment, Performance performance) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                performance, IntakeWays.DEFAULTS, Destinations.defaults());
    }

    /** With the given batch and idempotency settings, the other defaults. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment, IntakeWays intakeWays) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                Performance.defaults(), intakeWays, Destinations.defaults());
    }

    /** With the given destination settings, the other defaults. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment, Destinations destinations) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                Performance.defaults(), IntakeWays.DEFAULTS, destinations);
    }

    /**
     * Batch limits and the idempotency window (DESIGN §8). Defaults: 1000 events and 1 MiB per batch
     * (a batch commits as one, so it must stay small enough to answer quickly), keys kept 24 hours (Stripe's).
     */
    public record IntakeWays(int maxBatchEvents, int maxBatchBytes, Duration idempotencyWindow) {
        public static final IntakeWays DEFAULTS = new IntakeWays(1000, 1024 * 1024, Duration.ofHours(24));
    }

    /** The embedded deployment. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, Deployment.embedded());
    }

    /** Protective limits; every one is on by default. */
    public record Limits(
            int maxBodyBytes,
            int maxNestingDepth,
            int maxHeaderBytes,
            int maxConnections,
            int logQueueCapacity,
            Duration idleTimeout) {}

    /**
     * Back-pressure and thread counts (issue 14). {@code maxPipelineLag}: log entries not yet processed
     * beyond which the intake answers 503 with {@code Retry-After} instead of letting the backlog (and the
     * disk) grow. Thread counts are fixed rather than sized by Vert.x from the core count (2 × cores event
     * loops, 20 workers), so a default launch has a known footprint.
     */
    public record Performance(long maxPipelineLag, int eventLoops, int workerThreads) {
        public static final long DEFAULT_MAX_PIPELINE_LAG = 1_000_000;
        public static final int DEFAULT_WORKER_THREADS = 8;

        /** One event loop per core (each HTTP server instance has one), 8 workers for the admin API and slow checks. */
        public static Performance defaults() {
            return new Performance(DEFAULT_MAX_PIPELINE_LAG, defaultEventLoops(), DEFAULT_WORKER_THREADS);
        }

        public static int defaultEventLoops() {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Destinations (DESIGN §9). {@code allowPrivate}: deliver to loopback, private and link-local
     * addresses too (off: a destination URL must not reach into Tidings' own network). {@code disableAfter}:
     * a destination whose every attempt failed this long is disabled (5 days, as Svix). {@code secretKey}:
     * base64 of 32 bytes sealing the signing secrets, null for {@code <data-dir>/destinations.key}.
     */
    public record Destinations(boolean allowPrivate, Duration disableAfter, String secretKey) {
        public static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);

        public static Destinations defaults() {
            return new Destinations(false, DEFAULT_DISABLE_AFTER, null);
        }

        public Destinations {
            require(!disableAfter.isNegative() && !disableAfter.isZero(), "destination-disable-after", "must be positive");
            if (secretKey != null && !secretKey.isBlank()) {
                byte[] key;
                try {
                    key = java.util.Base64.getDecoder().decode(secretKey.trim());
                } catch (IllegalArgumentException e) {
                    key = new byte[0];
                }
                require(key.length == 32, "destination-secret-key", "must be base64 of 32 bytes (openssl rand -base64 32)");
            }
        }
    }

    public ServerConfig {
        require(port >= 0 && port <= 65535, "port", "must be a number from 0 to 65535");
        require(cluster != null && cluster.matches("[A-Za-z0-9_-]{1,64}"), "cluster",
                "must be 1-64 letters, digits, '-' or '_'");
        require(adminToken == null || adminToken.length() >= 16, "admin-token", "must be at least 16 characters");
        require(limits.maxBodyBytes() >= 1024, "max-body-bytes", "must be at least 1024");
        require(limits.maxNestingDepth() >= 2, "max-nesting-depth", "must be at least 2");
        require(limits.maxHeaderBytes() >= 1024, "max-header-bytes", "must be at least 1024");
        require(limits.maxConnections() >= 1, "max-connections", "must be at least 1");
        require(limits.logQueueCapacity() >= 16, "log-queue-capacity", "must be at least 16");
        require(intakeWays.maxBatchEvents() >= 1 && intakeWays.maxBatchEvents() <= 100_000, "max-batch-events",
                "must be from 1 to 100000");
        require(intakeWays.maxBatchBytes() >= limits.maxBodyBytes(), "max-batch-bytes", "must be at least max-body-bytes");
        require(!intakeWays.idempotencyWindow().isNegative() && !intakeWays.idempotencyWindow().isZero(),
                "idempotency-window", "must be positive");
        require(!rejectedRetention.isNegative() && !rejectedRetention.isZero(), "rejected-retention", "must be positive");
        require(performance.maxPipelineLag() >= 1, "max-pipeline-lag", "must be at least 1");
        require(performance.eventLoops() >= 1, "event-loops", "must be at least 1");
        require(performance.workerThreads() >= 1, "worker-threads", "must be at least 1");
    }

    /** The base URL printed in webhook URLs: {@code public-url} when set, else the listening address. */
    public String baseUrl(int boundPort) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + h + ":" + boundPort;
    }

    private static void require(boolean ok, String key, String rule) {
        if (!ok) {
            throw new ConfigException(key, rule);
        }
    }
}
