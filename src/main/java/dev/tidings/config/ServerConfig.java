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
        Destinations destinations) {

    /** Any deployment, with the destinations' defaults. */
    public ServerConfig(String host, int port, Path dataDir, String cluster, String publicUrl, String adminToken,
            boolean demo, Limits limits, Duration rejectedRetention, Deployment deployment) {
        this(host, port, dataDir, cluster, publicUrl, adminToken, demo, limits, rejectedRetention, deployment,
                Destinations.defaults());
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
        require(!rejectedRetention.isNegative() && !rejectedRetention.isZero(), "rejected-retention", "must be positive");
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
