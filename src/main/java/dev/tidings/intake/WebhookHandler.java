package dev.tidings.intake;

import dev.tidings.http.ErrorResponses;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.EventAppender;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Secrets;
import dev.tidings.registry.ValidationResult;
import dev.tidings.registry.Webhook;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /{cluster}/webhooks/{webhookId}}: authenticate, check type, parse once, validate against
 * the event's current definition, append to the log, and answer 1100 only when the append committed.
 *
 * <p>Runs on event-loop threads and never touches the disk: the registry is in memory, the log append
 * returns a future completed by the writer thread, and the one slow step (PBKDF2 for a credential not
 * seen before) runs on a worker.
 */
public final class WebhookHandler implements Handler<RoutingContext> {
    private static final byte[] OK_PREFIX =
            "{\"status\":{\"code\":1100,\"message\":\"Event is pushed to transformation state\"},\"requestId\":\""
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private final Vertx vertx;
    private final Registry registry;
    private final EventAppender log;
    private final BodyCheck bodyCheck;
    private final String cluster;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public WebhookHandler(Vertx vertx, Registry registry, EventAppender log, IntakeJson json, String cluster,
            IntakeMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.log = log;
        this.bodyCheck = new BodyCheck(json);
        this.cluster = cluster;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!cluster.equals(ctx.pathParam("cluster"))) {
            // Blaming the webhook would send the user hunting for a wrong id; the segment is what differs.
            fail(ctx, IntakeError.WEBHOOK_NOT_FOUND, "No webhooks under /" + ctx.pathParam("cluster")
                    + "/: this server serves /" + cluster + "/webhooks/{webhookId} (its --cluster)");
            return;
        }
        ActiveWebhook hook = registry.webhook(ctx.pathParam("webhookId"));
        if (hook == null || !hook.webhook().enabled()) {
            fail(ctx, IntakeError.WEBHOOK_NOT_FOUND, "No enabled webhook at " + request.path());
            return;
        }
        String credential = BasicCredential.parse(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credential == null) {
            fail(ctx, IntakeError.UNAUTHORIZED, IntakeError.UNAUTHORIZED.message());
            return;
        }
        byte[] digest = Secrets.sha256(credential);
        if (hook.knownGood(digest)) {
            authenticated(ctx, hook.webhook());
            return;
        }
        if (hook.knownBad(digest)) {
            fail(ctx, IntakeError.UNAUTHORIZED, IntakeError.UNAUTHORIZED.message());
            return;
        }
        vertx.executeBlocking(() -> hook.verifySlowly(credential, digest), false).onComplete(ok -> {
            if (ok.succeeded() && ok.result()) {
                authenticated(ctx, hook.webhook());
            } else {
                fail(ctx, IntakeError.UNAUTHORIZED, IntakeError.UNAUTHORIZED.message());
            }
        });
    }

    private void authenticated(RoutingContext ctx, Webhook webhook) {
        long started = System.nanoTime();
        long receivedAt = clock.millis();
        String requestId = RequestIds.next(receivedAt);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        BodyCheck.Outcome outcome = isJson(contentType)
                ? bodyCheck.check(body, name -> registry.definition(webhook.orgId(), name))
                : new BodyCheck.Rejected(IntakeError.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type must be application/json, got " + describe(contentType), null, null, List.of());
        if (outcome instanceof BodyCheck.Rejected r) {
            reject(ctx, webhook, requestId, receivedAt, body, r);
            return;
        }
        BodyCheck.Accepted accepted = (BodyCheck.Accepted) outcome;
        ActiveDefinition definition = accepted.definition();
        ValidationResult typed = accepted.result();
        AcceptedEvent entry = new AcceptedEvent(requestId, webhook.orgId(), webhook.id(), accepted.eventName(),
                definition.definition().id(), definition.definition().version(), receivedAt,
                definition.definition().isDraft(), typed.customerValue(), typed.eventDateTime(), typed.attributes(),
                webhook.uniquenessCheck() ? definition.uniqueValues(accepted.body()) : null, body);
        Future.fromCompletionStage(log.append(entry), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.succeeded()) {
                metrics.accepted(System.nanoTime() - started);
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(Buffer.buffer(96)
                        .appendBytes(OK_PREFIX).appendString(requestId).appendBytes(OK_SUFFIX));
            } else {
                metrics.failed(IntakeError.LOG_UNAVAILABLE);
                ErrorResponses.send(ctx.response(), IntakeError.LOG_UNAVAILABLE, IntakeError.LOG_UNAVAILABLE.message(),
                        requestId, List.of());
            }
        });
    }

    /** A request that passed authentication but not the checks: recorded, then answered 4xx. */
    private void reject(RoutingContext ctx, Webhook webhook, String requestId, long receivedAt, byte[] body,
            BodyCheck.Rejected r) {
        ActiveDefinition definition = r.definition();
        RejectedRequest record = new RejectedRequest(requestId, webhook.orgId(), webhook.id(), r.eventName(),
                definition == null ? null : definition.definition().id(),
                definition == null ? 0 : definition.definition().version(), receivedAt,
                definition != null && definition.definition().isDraft(), r.error().code(),
                problemsOrMessage(r.problems(), r.error(), r.message()), body);
        // The 400 waits for its record's commit, so the requestId it carries is readable at once (DESIGN §3);
        // a record the log cannot take (queue full) fails at once and the 4xx goes out unrecorded.
        Future.fromCompletionStage(log.append(record), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                metrics.rejectedUnrecorded();
            }
            metrics.failed(r.error());
            ErrorResponses.send(ctx.response(), r.error(), r.message(), requestId, r.problems());
        });
    }

    private void fail(RoutingContext ctx, IntakeError error, String message) {
        metrics.failed(error);
        ErrorResponses.send(ctx.response(), error, message, null, List.of());
    }

    /** The stored record always says why, even when the failure concerns the whole body. */
    private static List<FieldProblem> problemsOrMessage(List<FieldProblem> problems, IntakeError error, String message) {
        return problems.isEmpty() ? List.of(FieldProblem.whole(error.name(), message)) : problems;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String describe(String contentType) {
        return contentType == null ? "none" : "\"" + (contentType.length() > 100 ? contentType.substring(0, 100) + "…" : contentType) + "\"";
    }

}
