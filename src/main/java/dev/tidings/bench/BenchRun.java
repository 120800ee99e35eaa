package dev.tidings.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Runs one plan from start to result: creates Vert.x with a single event loop, the client, the
 * runner, and the progress timer, then blocks the calling (main) thread until the runner is done.
 *
 * <p>One event loop on purpose: the generator usually shares two cores with the server, and with
 * everything on one thread the counters need no synchronisation and the bodies no locking.
 */
final class BenchRun {

    private final BenchPlan plan;
    private final PrintWriter progress;
    private final LongSupplier clock;

    BenchRun(BenchPlan plan, PrintWriter progress, LongSupplier clock) {
        this.plan = plan;
        this.progress = progress;
        this.clock = clock;
    }

    BenchResult execute() throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            HttpClientOptions http = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setSsl(plan.target().ssl())
                    .setTrustAll(plan.target().ssl());
            // Pool size = connections: the closed loop then has one connection per client, and the
            // open loop queues in the pool (visible as latency) rather than opening without bound.
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(plan.connections());
            HttpClientAgent client = vertx.createHttpClient(http, pool);
            Tally tally = new Tally();
            CompletableFuture<Long> done = new CompletableFuture<>();
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> start(vertx, client, tally, done));
            long measureStart = done.get();
            tally.rollInterval();
            return BenchResult.from(plan, tally, seconds(measureStart, tally.lastAnswerAt()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("bench run failed", e.getCause());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Runs on the event loop; completes {@code done} with the start of the measured period. */
    private void start(Vertx vertx, HttpClientAgent client, Tally tally, CompletableFuture<Long> done) {
        long start = clock.getAsLong();
        MeasuredWindow window = MeasuredWindow.startingAt(start, plan);
        // Unique per run so that a webhook with the uniqueness check never sees a previous run's ids.
        String runPrefix = "bench-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        EventBodies bodies = new EventBodies(plan.eventName(), runPrefix, plan.customers(), System.nanoTime());
        RequestSender sender = new RequestSender(client, plan, bodies, tally, clock);
        LoadRunner runner = plan.openLoop()
                ? new OpenLoopRunner(vertx, sender, tally, window, new RateSchedule(start, plan.rate()), clock)
                : new ClosedLoopRunner(sender, tally, window, clock, plan.connections());
        ProgressPrinter printer = new ProgressPrinter(tally, window, clock, progress, start);
        long timer = vertx.setPeriodic(1000, id -> printer.tick());
        runner.start().onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                done.complete(window.measureStart());
            } else {
                done.completeExceptionally(ar.cause());
            }
        });
    }

    private static double seconds(long measureStart, long lastAnswerAt) {
        // Runs ending in warm-up or with no answer at all have no measured period to divide by.
        long nanos = lastAnswerAt - measureStart;
        return nanos > 0 ? nanos / 1e9 : 0;
    }
}
