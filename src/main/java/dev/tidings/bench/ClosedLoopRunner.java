package dev.tidings.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.LongSupplier;

/**
 * Closed loop, as in pgbench: N virtual clients, each with exactly one request in flight, sending the
 * next the moment the previous is answered. Measures the saturation throughput; its latency is the
 * service time at that load, not what a client at a fixed rate would see (that is {@link OpenLoopRunner}).
 *
 * <p>Owned by the event-loop thread: every send and every completion runs there.
 */
final class ClosedLoopRunner implements LoadRunner {

    private final RequestSender sender;
    private final Tally tally;
    private final MeasuredWindow window;
    private final LongSupplier clock;
    private final int clients;
    private final Promise<Void> finished = Promise.promise();

    ClosedLoopRunner(RequestSender sender, Tally tally, MeasuredWindow window, LongSupplier clock, int clients) {
        this.sender = sender;
        this.tally = tally;
        this.window = window;
        this.clock = clock;
        this.clients = clients;
    }

    @Override
    public Future<Void> start() {
        for (int i = 0; i < clients; i++) {
            next();
        }
        return finished.future();
    }

    private void next() {
        long now = clock.getAsLong();
        // A server that went away is reported, not spun against with a connection error per request.
        if (tally.serverGone() || !window.mayStart(now, tally.sentCount())) {
            if (sender.inFlight() == 0) {
                finished.tryComplete();
            }
            return;
        }
        sender.send(now, window.measured(now), this::next);
    }
}
