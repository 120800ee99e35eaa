package dev.tidings.cli;

import dev.tidings.app.LogSettings;
import dev.tidings.app.Tidings;
import dev.tidings.config.Deployment;
import dev.tidings.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.tidings.config.ConfigException;
import dev.tidings.config.ConfigSources;
import dev.tidings.config.DurationConverter;
import java.net.BindException;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tidings serve}: parses options (flag, then {@code TIDINGS_*} variable, then the YAML file,
 * then the default), starts the server and runs until SIGTERM / SIGINT, which shut it down gracefully.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Tidings server.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Optional YAML file whose keys are these options' long names.")
    Path configFile;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Directory of the SQLite databases. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    /** Null when not given: the default depends on --demo (the seed's URLs use eucrm). */
    @Option(names = "--cluster", description = "First path segment of webhook URLs. Default: local, or eucrm (the seed's) with --demo.")
    String cluster;

    @Option(names = "--public-url", description = "Base URL printed in webhook URLs (default: the listening address).")
    String publicUrl;

    @Option(names = "--admin-token", description = "Root admin token (at least 16 characters). Generated on first start when absent.")
    String adminToken;

    @Option(names = "--demo", defaultValue = "false", description = "Create the seed's example org, event and webhook if missing.")
    boolean demo;

    @Option(names = "--max-body-bytes", defaultValue = "32768", description = "Largest accepted event body. Default: ${DEFAULT-VALUE} (Segment's limit).")
    int maxBodyBytes;

    @Option(names = "--max-nesting-depth", defaultValue = "16", description = "Deepest accepted JSON nesting. Default: ${DEFAULT-VALUE} (events are flat).")
    int maxNestingDepth;

    @Option(names = "--max-header-bytes", defaultValue = "8192", description = "Largest accepted request headers. Default: ${DEFAULT-VALUE}.")
    int maxHeaderBytes;

    @Option(names = "--max-connections", defaultValue = "10000", description = "Open connections beyond this are closed. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--log-queue-capacity", defaultValue = "8192", description = "Events waiting for commit before 503. Default: ${DEFAULT-VALUE}.")
    int logQueueCapacity;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Connections idle this long (or sending this slowly) are closed. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--rejected-retention", defaultValue = "7d", converter = DurationConverter.class,
            description = "How long rejected requests are kept. Default: ${DEFAULT-VALUE}.")
    Duration rejectedRetention;

    /** Null when not given: stored events are kept until their customer is erased. */
    @Option(names = "--event-retention", converter = DurationConverter.class,
            description = "Delete stored events older than this (by event time, and received as long ago), with their"
                    + " request records. Default: off (kept).")
    Duration eventRetention;

    @Option(names = "--max-batch-events", defaultValue = "1000", description = "Most events in one batch post. Default: ${DEFAULT-VALUE}.")
    int maxBatchEvents;

    @Option(names = "--max-batch-bytes", defaultValue = "1048576", description = "Largest batch body. Default: ${DEFAULT-VALUE} (1 MiB).")
    int maxBatchBytes;

    @Option(names = "--idempotency-window", defaultValue = "24h", converter = DurationConverter.class,
            description = "How long an Idempotency-Key and a Segment messageId are remembered. Default: ${DEFAULT-VALUE}.")
    Duration idempotencyWindow;

    @Option(names = "--postgres-url", description = "postgresql://user:password@host:port/db: registry and store in PostgreSQL (default: SQLite in --data-dir).")
    String postgresUrl;

    @Option(names = "--kafka-bootstrap", description = "host:port[,host:port…]: the event log is a Kafka topic (requires --postgres-url).")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", defaultValue = Deployment.DEFAULT_TOPIC, description = "Topic of the event log. Default: ${DEFAULT-VALUE}.")
    String kafkaTopic;

    @Option(names = "--kafka-partitions", defaultValue = "12", description = "Partitions when the topic is created. Default: ${DEFAULT-VALUE}.")
    int kafkaPartitions;

    @Option(names = "--kafka-ack-timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "Longest wait for the broker's acknowledgement before answering 503. Default: ${DEFAULT-VALUE}.")
    Duration kafkaAckTimeout;

    @Option(names = "--role", defaultValue = "all", description = "all, intake (HTTP only) or worker (pipeline only). Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--max-pipeline-lag", defaultValue = "1000000",
            description = "Log entries not yet processed beyond which the intake answers 503 with Retry-After. Default: ${DEFAULT-VALUE}.")
    long maxPipelineLag;

    /** Null when not given: one per core. */
    @Option(names = "--event-loops", description = "Event-loop threads (HTTP server instances). Default: one per core.")
    Integer eventLoops;

    @Option(names = "--worker-threads", defaultValue = "8",
            description = "Worker threads for the admin API and slow credential checks. Default: ${DEFAULT-VALUE}.")
    int workerThreads;

    @Option(names = "--allow-private-destinations", defaultValue = "false",
            description = "Let destinations reach loopback, private and link-local addresses (off: refused when saved and when sent).")
    boolean allowPrivateDestinations;

    @Option(names = "--destination-disable-after", defaultValue = "5d", converter = DurationConverter.class,
            description = "Disable a destination whose every attempt failed this long. Default: ${DEFAULT-VALUE}.")
    Duration destinationDisableAfter;

    @Option(names = "--destination-secret-key", description = "Base64 of 32 bytes sealing destination secrets at rest"
            + " (every cluster node must share it). Default: <data-dir>/destinations.key, created on first start.")
    String destinationSecretKey;

    @Option(names = "--log-format", defaultValue = "text", description = "text, or json (one object per line). Default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Option(names = "--log-level", defaultValue = "INFO", description = "TRACE, DEBUG, INFO, WARN or ERROR. Default: ${DEFAULT-VALUE}.")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        LogSettings.apply(logFormat, logLevel);
        ServerConfig config = toConfig();
        Tidings tidings = startOrExplain(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tidings.close();
            stopped.countDown();
        }, "tidings-shutdown"));
        StartBanner.lines(config, tidings.port(), tidings.baseUrl()).forEach(System.out::println);
        tidings.generatedRootToken().ifPresent(token -> System.out.println(
                "Generated root admin token (shown once; also in " + config.dataDir().resolve("admin-token") + "): " + token));
        if (config.demo()) {
            System.out.println("Demo ready. Try:\n" + tidings.demoCurl());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A port in use is a configuration mistake, said in one line with the port, not a stack trace. */
    private static Tidings startOrExplain(ServerConfig config) throws Exception {
        try {
            return Tidings.start(config);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException || t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                    throw new ConfigException("port", config.port() + " is already in use on " + config.host()
                            + ": stop the other process or choose another port");
                }
            }
            throw e;
        }
    }

    /** The YAML keys and variable suffixes: every option of serve but --config itself and help/version. */
    static Set<String> keys() {
        Set<String> keys = new HashSet<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(new ServeCommand()).options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals("--config")) {
                keys.add(ConfigSources.keyOf(option));
            }
        }
        return keys;
    }

    ServerConfig toConfig() {
        String cluster = this.cluster != null ? this.cluster : demo ? "eucrm" : "local";
        return new ServerConfig(host, port, dataDir, cluster, publicUrl, adminToken, demo,
                new ServerConfig.Limits(maxBodyBytes, maxNestingDepth, maxHeaderBytes, maxConnections, logQueueCapacity,
                        idleTimeout),
                rejectedRetention, deployment(), new ServerConfig.Performance(maxPipelineLag,
                        eventLoops != null ? eventLoops : ServerConfig.Performance.defaultEventLoops(), workerThreads),
                new ServerConfig.IntakeWays(maxBatchEvents, maxBatchBytes, idempotencyWindow),
                new ServerConfig.Destinations(allowPrivateDestinations, destinationDisableAfter, blankToNull(destinationSecretKey)),
                new ServerConfig.CustomerData(eventRetention));
    }

    Deployment deployment() {
        Deployment.Role parsed;
        try {
            parsed = Deployment.Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid configuration: role must be all, intake or worker, got " + role);
        }
        return new Deployment(blankToNull(postgresUrl), blankToNull(kafkaBootstrap), kafkaTopic, kafkaPartitions,
                kafkaAckTimeout, parsed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
