package dev.tidings.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/**
 * Open loop, as in wrk2: requests go out on a fixed schedule whatever the answers do, and latency runs
 * from each request's scheduled time. When the server (or the connection pool) falls behind, requests
 * queue and the queueing shows as latency, instead of silently lowering the rate.
 *
 * <p>A 1 ms timer sends every request that has come due since the last tick; at 10 000/s that is ten
 * per tick, each still stamped with its own intended time, so timer granularity does not distort the
 * figures. Owned by the event-loop thread: the timer and the completions run there.
 */
final class OpenLoopRunner implements LoadRunner {

    private final Vertx vertx;
    private final RequestSender sender;
    private final Tally tally;
    private final MeasuredWindow window;
    private final RateSchedule schedule;
    private final Promise<Void> finished = Promise.promise();
    private final LongSupplier clock;
    private long issued;
    private long timer = -1;
    private boolean stopped;

    OpenLoopRunner(Vertx vertx, RequestSender sender, Tally tally, MeasuredWindow window,
                   RateSchedule schedule, LongSupplier clock) {
        this.vertx = vertx;
        this.sender = sender;
        this.tally = tally;
        this.window = window;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public Future<Void> start() {
        timer = vertx.setPeriodic(1, id -> tick());
        tick();
        return finished.future();
    }

    private void tick() {
        long due = schedule.dueBy(clock.getAsLong());
        while (!stopped && issued < due) {
            long intendedAt = schedule.intendedAt(issued);
            if (tally.serverGone() || !window.mayStart(intendedAt, tally.sentCount())) {
                stop();
                return;
            }
            issued++;
            sender.send(intendedAt, window.measured(intendedAt), this::finishWhenDrained);
        }
    }

    private void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        finishWhenDrained();
    }

    private void finishWhenDrained() {
        if (stopped && sender.inFlight() == 0) {
            finished.tryComplete();
        }
    }
}
