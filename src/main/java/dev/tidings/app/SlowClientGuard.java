package dev.tidings.app;

import dev.tidings.api.ErrorResponses;
import dev.tidings.intake.IntakeError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts off clients that send too slowly. Vert.x's idle timeout fires only after a silence, so a client
 * trickling one byte a second would hold its connection, and a slot under {@code max-connections}, for
 * ever. Here a connection must deliver a request's headers, and a request its whole body, within the
 * request deadline (the configured idle timeout): slow headers are closed silently (there is no request to
 * answer), a slow body gets 408 and the connection is closed.
 *
 * <p>One guard per {@link HttpVerticle}; Vert.x calls the connection and request handlers of a server
 * instance on its one event loop, so the map needs no lock. Costs one timer per request in flight.
 */
final class SlowClientGuard implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final long deadlineMillis;
    private final Map<HttpConnection, Long> awaitingHeaders = new HashMap<>();

    SlowClientGuard(Vertx vertx, long deadlineMillis) {
        this.vertx = vertx;
        this.deadlineMillis = deadlineMillis;
    }

    void connected(HttpConnection connection) {
        awaitHeaders(connection);
    }

    /** The router's first handler: the headers arrived; now the body has until the deadline. */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        Long headersTimer = awaitingHeaders.remove(connection);
        if (headersTimer != null) {
            vertx.cancelTimer(headersTimer);
        }
        long bodyTimer = request.isEnded() ? -1 : vertx.setTimer(deadlineMillis, id -> {
            // An answer already sent (413, 401 before the body was read) needs no second one.
            if (!request.isEnded() && !request.response().ended()) {
                tooSlow(request);
            }
        });
        // Through the routing context, not response.endHandler, which the router would replace.
        ctx.addEndHandler(done -> {
            if (bodyTimer >= 0) {
                vertx.cancelTimer(bodyTimer);
            }
            if (done.succeeded()) {
                // Keep-alive: the next request's headers get the same deadline as the first one's.
                awaitHeaders(connection);
            }
        });
        ctx.next();
    }

    private void awaitHeaders(HttpConnection connection) {
        long timer = vertx.setTimer(deadlineMillis, id -> {
            if (awaitingHeaders.remove(connection) != null) {
                connection.close();
            }
        });
        Long previous = awaitingHeaders.put(connection, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private static void tooSlow(HttpServerRequest request) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.send(request.response(), IntakeError.REQUEST_TIMEOUT, "Request body did not arrive within "
                + "the request deadline (--idle-timeout)", null, List.of());
        request.connection().close();
    }
}
