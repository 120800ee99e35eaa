package dev.tidings.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server on one event loop; Tidings deploys one per core and Vert.x spreads connections
 * across them on the shared port. Stopping shuts down gracefully: no new requests, in-flight ones
 * (waiting for their commit) get their answer.
 */
final class HttpVerticle extends VerticleBase {
    private final HttpRoutes routes;
    private final HttpServerOptions options;
    private final AtomicInteger boundPort;
    private final ConnectionLimit connectionLimit;
    private HttpServer server;

    HttpVerticle(HttpRoutes routes, HttpServerOptions options, AtomicInteger boundPort, ConnectionLimit connectionLimit) {
        this.routes = routes;
        this.options = options;
        this.boundPort = boundPort;
        this.connectionLimit = connectionLimit;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(options)
                .connectionHandler(connectionLimit)
                .requestHandler(routes.router(vertx));
        return server.listen().onSuccess(s -> boundPort.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(10, TimeUnit.SECONDS);
    }
}
