package dev.tidings.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts off clients that send too slowly. Vert.x's idle timeout fires only after a silence, so a client
 * trickling one byte a second would hold its connection, and a slot under {@code max-connections}, for
 * ever. Here a connection must deliver a request's headers, and a request its whole body, within the
 * request deadline (the configured idle timeout): slow headers are closed silently (there is no request to
 * answer), a slow body gets 408 and the connection is closed.
 *
 * <p>The hot path only stamps times on the connection's state; one sweep per event loop, a few times per
 * deadline, finds the late ones. (A timer per request cost the intake about a quarter of its throughput.)
 *
 * <p>One guard per {@link HttpVerticle}; Vert.x calls the connection and request handlers and the sweep
 * of a server instance on its one event loop, so nothing here needs a lock.
 */
final class SlowClientGuard implements Handler<RoutingContext> {
    private static final long IDLE = -1;

    /** When the connection started waiting for headers or for a body; IDLE when neither. */
    private static final class Waiting {
        long headersSince = IDLE;
        long bodySince = IDLE;
        HttpServerRequest request;
    }

    private final long deadlineMillis;
    private final Map<HttpConnection, Waiting> connections = new IdentityHashMap<>();

    SlowClientGuard(Vertx vertx, long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
        vertx.setPeriodic(Math.max(50, deadlineMillis / 4), id -> sweep(System.currentTimeMillis()));
    }

    void connected(HttpConnection connection) {
        Waiting w = new Waiting();
        w.headersSince = System.currentTimeMillis();
        connections.put(connection, w);
    }

    void disconnected(HttpConnection connection) {
        connections.remove(connection);
    }

    /** The router's first handler: the headers arrived; now the body has until the deadline. */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Waiting w = connections.get(request.connection());
        if (w != null) {
            long now = System.currentTimeMillis();
            w.headersSince = IDLE;
            w.bodySince = request.isEnded() ? IDLE : now;
            w.request = request;
            // Through the routing context, not response.endHandler, which the router would replace.
            ctx.addEndHandler(done -> {
                w.bodySince = IDLE;
                w.request = null;
                // Keep-alive: the next request's headers get the same deadline as the first one's.
                w.headersSince = done.succeeded() ? System.currentTimeMillis() : IDLE;
            });
        }
        ctx.next();
    }

    private void sweep(long now) {
        List<HttpConnection> late = new ArrayList<>();
        for (Map.Entry<HttpConnection, Waiting> e : connections.entrySet()) {
            Waiting w = e.getValue();
            if (w.headersSince != IDLE && now - w.headersSince > deadlineMillis) {
                late.add(e.getKey());
            } else if (w.bodySince != IDLE && now - w.bodySince > deadlineMillis && w.request != null) {
                HttpServerRequest request = w.request;
                w.bodySince = IDLE;
                // An answer already sent (413, 401 before the body was read) needs no second one.
                if (!request.isEnded() && !request.response().ended()) {
                    tooSlow(request);
                }
            }
        }
        late.forEach(HttpConnection::close);
    }

    private static void tooSlow(HttpServerRequest request) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.send(request.response(), HttpError.REQUEST_TIMEOUT.on(false), "Request body did not arrive within "
                + "the request deadline (--idle-timeout)", null, List.of());
        request.connection().close();
    }
}
