package dev.tidings.bench;

import io.vertx.core.Future;

/** One way of generating load. Started on the event-loop thread; the future completes there too. */
interface LoadRunner {

    /** Starts sending; the future completes once no more will be sent and none is in flight. */
    Future<Void> start();
}
