package dev.tidings.app;

import dev.tidings.api.AdminError;
import dev.tidings.api.AdminFailure;
import dev.tidings.api.AdminRoutes;
import dev.tidings.api.ErrorResponses;
import dev.tidings.intake.IntakeError;
import dev.tidings.intake.WebhookHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the router: intake, admin API, health and metrics, and JSON answers for everything the
 * framework would otherwise answer with its own HTML or an empty body (404, 405, 413, 500, and requests
 * that fail HTTP decoding).
 */
final class HttpRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

    private final WebhookHandler intake;
    private final AdminRoutes admin;
    private final PrometheusMeterRegistry meters;
    private final BooleanSupplier ready;
    private final int maxBodyBytes;

    HttpRoutes(WebhookHandler intake, AdminRoutes admin, PrometheusMeterRegistry meters, BooleanSupplier ready,
            int maxBodyBytes) {
        this.intake = intake;
        this.admin = admin;
        this.meters = meters;
        this.ready = ready;
        this.maxBodyBytes = maxBodyBytes;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        // The router tries routes in order; the intake goes first because nearly every request is one.
        router.post("/:cluster/webhooks/:webhookId")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(intake);
        router.get("/health/live").handler(ctx -> health(ctx, true));
        router.get("/health/ready").handler(ctx -> health(ctx, ready.getAsBoolean()));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(meters.scrape()));
        admin.mount(router);
        AllowedMethods allowed = AllowedMethods.of(router);
        router.errorHandler(404, ctx -> error(ctx, IntakeError.NOT_FOUND, AdminError.NOT_FOUND,
                "No such resource: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> allowedThenError(ctx, allowed.forPath(ctx.request().path()), IntakeError.METHOD_NOT_ALLOWED, AdminError.METHOD_NOT_ALLOWED,
                "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> error(ctx, IntakeError.BODY_TOO_LARGE, AdminError.BODY_TOO_LARGE,
                "Body is larger than the limit of " + (isAdmin(ctx) ? "262144" : String.valueOf(maxBodyBytes)) + " bytes"));
        router.errorHandler(400, ctx -> error(ctx, IntakeError.BAD_REQUEST, AdminError.INVALID_REQUEST,
                "Malformed request"));
        router.errorHandler(500, ctx -> {
            LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            error(ctx, IntakeError.INTERNAL, AdminError.INTERNAL, "Internal error");
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
        IntakeError error = cause instanceof TooLongHttpLineException ? IntakeError.URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? IntakeError.HEADERS_TOO_LARGE
                : IntakeError.BAD_REQUEST;
        String detail = error == IntakeError.BAD_REQUEST && cause != null && cause.getMessage() != null
                ? "Malformed request: " + cause.getMessage() : error.message();
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.send(request.response(), error, detail, null, List.of());
        request.connection().close();
    }

    private static void health(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    private static void allowedThenError(RoutingContext ctx, String allow, IntakeError intakeError, AdminError adminError,
            String message) {
        if (!allow.isEmpty()) {
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        }
        error(ctx, intakeError, adminError, message);
    }

    private static void error(RoutingContext ctx, IntakeError intakeError, AdminError adminError, String message) {
        if (isAdmin(ctx)) {
            ErrorResponses.send(ctx.response(), new AdminFailure(adminError, message));
        } else {
            ErrorResponses.send(ctx.response(), intakeError, message, null, List.of());
        }
    }

    private static boolean isAdmin(RoutingContext ctx) {
        return ctx.request().path() != null && ctx.request().path().startsWith("/api/");
    }
}
