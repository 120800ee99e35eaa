package dev.tidings.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One real Kafka broker in KRaft mode per test run (broker and controller in one node), started on
 * first use in a child JVM from the kafka_2.13 jars Maven resolved, and killed when the test JVM exits.
 *
 * <p>A child process rather than the in-process KafkaClusterTestKit: the test kit pre-binds its
 * listeners on the wildcard address, while this broker listens on 127.0.0.1 only, on ports fixed for
 * the run, so a test can {@link #stop()} and {@link #start()} it and clients reconnect to the same
 * bootstrap address with the same data; the test JVM also stays free of Scala and the broker's heap.
 */
public final class KafkaBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static KafkaBroker instance;

    private final Path dir;
    private final Path properties;
    private final Path log;
    private final String classpath;
    private final int port;
    private Process process;

    private KafkaBroker(Path dir, String classpath, int port, int controllerPort) throws IOException {
        this.dir = dir;
        this.classpath = classpath;
        this.port = port;
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("broker.log");
        Files.writeString(properties, serverProperties(dir.resolve("data"), port, controllerPort));
        Files.writeString(dir.resolve("logback.xml"), LOGBACK);
    }

    /** The run's broker, started (storage formatted, process up, ready for clients) on the first call. */
    public static synchronized KafkaBroker get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("tidings-kafka-");
                KafkaBroker broker = new KafkaBroker(dir, brokerClasspath(), ChildProcesses.freePort(), ChildProcesses.freePort());
                broker.format();
                broker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::shutDownForGood, "kafka-broker-stop"));
                instance = broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** {@code host:port} for clients' bootstrap.servers; the same across stop and start. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker if it is stopped and returns once it answers clients. */
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            process = new ProcessBuilder(javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                    "-cp", classpath, "kafka.Kafka", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = admin()) {
            await("Kafka broker at " + bootstrap() + " ready (log: " + log + ")")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("Kafka broker exited:\n" + ChildProcesses.tail(log), () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() == 1);
        }
    }

    /** Stops the broker with a controlled shutdown (SIGTERM), waiting for the process to end. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Kills the broker at once (SIGKILL), as a crash would; {@link #start()} recovers its logs. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Creates {@code topic} with {@code partitions} partitions unless it exists. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            KafkaTopics.ensureTopic(admin, KafkaSettings.defaults(bootstrap()).withTopic(topic, partitions), Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private void format() {
        ChildProcesses.run(List.of(javaExecutable(), "-Xmx256m", "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), dir.resolve("format.log"), 120);
    }

    private void shutDownForGood() {
        kill();
        ChildProcesses.deleteTree(dir);
    }

    /**
     * The broker's class path: the file the build writes (system property {@code tidings.kafka.classpath},
     * see the pom's build-classpath execution), so the jars are the ones Maven resolved.
     */
    private static String brokerClasspath() throws IOException {
        String file = System.getProperty("tidings.kafka.classpath", "target/kafka-broker.classpath");
        Path path = Paths.get(file);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: run the tests through Maven (mvn verify), "
                    + "which writes the Kafka broker's class path there");
        }
        return Files.readString(path, StandardCharsets.UTF_8).strip();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                // One broker: the internal topics cannot have more copies than that.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Tests form groups one consumer at a time; waiting for more would only slow them.
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "") ;
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="out"/></root>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
            </configuration>
            """;
}
