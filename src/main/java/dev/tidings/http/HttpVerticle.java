package dev.tidings.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server on one event loop; Tidings deploys one per core and Vert.x spreads connections
 * across them on the shared port. Stopping shuts down gracefully: no new requests, in-flight ones
 * (waiting for their commit) get their answer.
 */
public final class HttpVerticle extends VerticleBase {
    private final HttpRoutes routes;
    private final HttpServerOptions options;
    private final AtomicInteger boundPort;
    private final ConnectionLimit connectionLimit;
    private final long requestDeadlineMillis;
    private HttpServer server;

    public HttpVerticle(HttpRoutes routes, HttpServerOptions options, AtomicInteger boundPort, ConnectionLimit connectionLimit,
            long requestDeadlineMillis) {
        this.requestDeadlineMillis = requestDeadlineMillis;
        this.routes = routes;
        this.options = options;
        this.boundPort = boundPort;
        this.connectionLimit = connectionLimit;
    }

    @Override
    public Future<?> start() {
        SlowClientGuard guard = new SlowClientGuard(vertx, requestDeadlineMillis);
        Router router = routes.router(vertx);
        router.route().order(Integer.MIN_VALUE).handler(guard);
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    if (connectionLimit.admit(connection)) {
                        guard.connected(connection);
                        // One close handler for both: a second closeHandler call would replace the first.
                        connection.closeHandler(v -> {
                            connectionLimit.release();
                            guard.disconnected(connection);
                        });
                    }
                })
                .invalidRequestHandler(routes::invalidRequest)
                .requestHandler(router);
        return server.listen().onSuccess(s -> boundPort.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(10, TimeUnit.SECONDS);
    }
}
