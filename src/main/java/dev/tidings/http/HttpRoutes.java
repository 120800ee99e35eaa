package dev.tidings.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import dev.tidings.config.BuildInfo;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the router: intake, admin API, health and metrics, and JSON answers for everything the
 * framework would otherwise answer with its own HTML or an empty body (404, 405, 413, 500, and requests
 * that fail HTTP decoding).
 */
public final class HttpRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

    private final Handler<RoutingContext> intake;
    private final Consumer<Router> admin;
    private final PrometheusMeterRegistry meters;
    private final BooleanSupplier ready;
    private final int maxBodyBytes;
    /** The intake's other ways in (batch, Segment-compatible calls), mounted next to the single post. */
    private final Consumer<Router> intakeWays;
    /** Why {@code /health/ready} is 503, or null while ready. */
    private final Supplier<String> notReady;
    /** Null on a worker node, which serves no documentation either. */
    private final ApiDocs docs;
    private volatile List<String> routeTable = List.of();

    /**
     * {@code intake} is null on a worker node, which serves only health and metrics; {@code admin}
     * mounts the admin API's routes; {@code notReady} says why the node is not ready (null when it is);
     * {@code intakeWays} mounts the batch and Segment routes; {@code apiDocument} is the OpenAPI document
     * ({@link OpenApiDocument#assemble}) served with {@code /docs} on nodes that serve the API, else null.
     */
    public HttpRoutes(Handler<RoutingContext> intake, Consumer<Router> admin, PrometheusMeterRegistry meters,
            Supplier<String> notReady, int maxBodyBytes, Consumer<Router> intakeWays, String apiDocument) {
        this.intake = intake;
        this.admin = admin;
        this.meters = meters;
        this.ready = () -> notReady.get() == null;
        this.maxBodyBytes = maxBodyBytes;
        this.notReady = notReady;
        this.intakeWays = intakeWays;
        this.docs = intake == null ? null : new ApiDocs(apiDocument, BuildInfo.current().swaggerUiVersion());
    }

    /** Every route with a method and a path, as {@code "GET /health/live"}: what the OpenAPI document must cover. */
    public List<String> routeTable() {
        return routeTable;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        // The router tries routes in order; the intake goes first because nearly every request is one.
        if (intake != null) {
            router.post("/:cluster/webhooks/:webhookId")
                    .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                    .handler(intake);
            intakeWays.accept(router);
        }
        router.get("/health/live").handler(ctx -> health(ctx, true));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(meters.scrape()));
        // Scrapers and load balancers probe with HEAD; the headers without rendering every metric.
        router.head("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end());
        if (docs != null) {
            docs.mount(router);
        }
        admin.accept(router);
        routeTable = table(router);
        AllowedMethods allowed = AllowedMethods.of(router);
        router.errorHandler(404, ctx -> error(ctx, HttpError.NOT_FOUND,
                "No such resource: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> allowedThenError(ctx, allowed.forPath(ctx.request().path()), HttpError.METHOD_NOT_ALLOWED,
                "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> error(ctx, HttpError.BODY_TOO_LARGE,
                "Body is larger than the limit of " + (isAdmin(ctx) ? "262144" : String.valueOf(maxBodyBytes)) + " bytes"));
        router.errorHandler(400, ctx -> error(ctx, HttpError.BAD_REQUEST,
                "Malformed request"));
        router.errorHandler(500, ctx -> {
            LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            error(ctx, HttpError.INTERNAL, "Internal error");
        });
        return router;
    }

    /**
     * Requests Netty could not decode (bad request line, lying Content-Length, headers beyond
     * {@code max-header-bytes}) never reach the router; without this Vert.x answers them with an empty
     * body. The connection is closed after the answer because the decoder has lost its place in the stream.
     */
    void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpError error = cause instanceof TooLongHttpLineException ? HttpError.URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpError.HEADERS_TOO_LARGE
                : HttpError.BAD_REQUEST;
        String detail = error == HttpError.BAD_REQUEST && cause != null && cause.getMessage() != null
                ? "Malformed request: " + cause.getMessage() : error.on(false).message();
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.send(request.response(), error.on(false), detail, null, List.of());
        request.connection().close();
    }

    private static List<String> table(Router router) {
        List<String> table = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null) {
                route.methods().forEach(m -> table.add(m.name() + " " + route.getPath() + (route.isExactPath() ? "" : "*")));
            } else if (route.isRegexPath() && route.methods() != null && route.getName() != null) {
                // A regex route with named groups ("(?<call>[a-z]+)") is the path with those parameters.
                String path = route.getName().replaceAll("\\(\\?<([A-Za-z0-9_]+)>[^)]*\\)", ":$1").replaceAll("/\\?$", "");
                route.methods().forEach(m -> table.add(m.name() + " " + path));
            }
        }
        return List.copyOf(table);
    }

    /** 503 names the reason, so an operator reading the probe's answer knows where to look. */
    private void ready(RoutingContext ctx) {
        String reason = notReady.get();
        if (reason == null) {
            health(ctx, true);
            return;
        }
        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "DOWN").put("reason", reason).encode());
    }

    private static void health(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    private static void allowedThenError(RoutingContext ctx, String allow, HttpError error, String message) {
        if (!allow.isEmpty()) {
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        }
        error(ctx, error, message);
    }

    private static void error(RoutingContext ctx, HttpError error, String message) {
        ErrorResponses.send(ctx.response(), error.on(isAdmin(ctx)), message, null, List.of());
    }

    private static boolean isAdmin(RoutingContext ctx) {
        return ctx.request().path() != null && ctx.request().path().startsWith("/api/");
    }
}
