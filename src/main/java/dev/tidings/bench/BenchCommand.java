package dev.tidings.bench;

import dev.tidings.config.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tidings bench}: a load generator for the webhook intake, in the spirit of
 * kafka-producer-perf-test and pgbench. Parses options into a {@link BenchPlan}, optionally prepares
 * the server through the admin API ({@code --setup}), runs, and prints the result. Runs on the main
 * thread; the load itself runs on one Vert.x event loop (see {@link BenchRun}).
 *
 * <p>Exit code: 0 when every request got the 1100 answer, 1 otherwise, 2 for bad options or setup.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Posts be_reserved-shaped events to a webhook and reports throughput and latency.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "Webhook URL, e.g. http://127.0.0.1:8080/local/webhooks/<32 hex>.")
    String url;

    @Option(names = "--credential", description = "The webhook's Basic credential: user:password or a bare token.")
    String credential;

    @Option(names = "--connections", defaultValue = "32",
            description = "Connections; in closed loop also the requests in flight (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rate", defaultValue = "0",
            description = "Open loop: requests/s in total at fixed intervals, latency from the intended send time. "
                    + "0 (default) runs the closed loop.")
    int rate;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Measured period, e.g. 30s, 2m (default 10s unless --events is given).")
    Duration duration;

    @Option(names = "--events", defaultValue = "0", description = "Stop after this many measured requests.")
    long events;

    @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
            description = "Period before measuring whose answers are discarded (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--customers", defaultValue = "10000",
            description = "Distinct customer mobile numbers to spread events over (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--event-name", defaultValue = "be_reserved", description = "Event name (default: ${DEFAULT-VALUE}).")
    String eventName;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Per-request limit; a request exceeding it counts as a timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the summary.")
    boolean json;

    @Option(names = "--setup", description = "Create org, event definition and a webhook first, and post to that webhook.")
    boolean setup;

    @Option(names = "--admin-url", defaultValue = "http://127.0.0.1:8080",
            description = "Admin API base URL for --setup (default: ${DEFAULT-VALUE}).")
    String adminUrl;

    @Option(names = "--admin-token", description = "Root admin token for --setup.")
    String adminToken;

    @Option(names = "--org", defaultValue = "bench", description = "Org id for --setup (default: ${DEFAULT-VALUE}).")
    String org;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (setup) {
            if (adminToken == null) {
                throw new ParameterException(spec.commandLine(), "--setup needs --admin-token");
            }
            try {
                BenchSetup.Webhook webhook = new BenchSetup(adminUrl, adminToken).prepare(org, eventName);
                url = webhook.url();
                credential = webhook.credential();
                err.println("setup: posting to " + url);
            } catch (IOException | RuntimeException e) {
                err.println("setup failed: " + e);
                return 2;
            }
        }
        BenchPlan plan = plan();
        BenchResult result = new BenchRun(plan, err, System::nanoTime).execute();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? result.toJson() + System.lineSeparator() : result.toText());
        out.flush();
        return result.exitCode();
    }

    private BenchPlan plan() {
        if (url == null || credential == null) {
            throw new ParameterException(spec.commandLine(), "give --url and --credential, or --setup");
        }
        Duration measured = duration == null && events <= 0 ? Duration.ofSeconds(10) : duration;
        try {
            return new BenchPlan(BenchPlan.Target.parse(url), BenchPlan.basicAuthorization(credential),
                    connections, rate, measured, events, warmup, customers, eventName, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
