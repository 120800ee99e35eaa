package dev.tidings.intake;

import dev.tidings.registry.ActiveWebhook;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /{cluster}/webhooks/{webhookId}}: the single post, a thin adapter over {@link Intake}:
 * gate (404/401), {@code Idempotency-Key}, rate limit (429), content type (415), check, append, and
 * 1100 only when the append committed.
 *
 * <p>Runs on event-loop threads and never touches the disk: the registry is in memory, the log append
 * returns a future completed by the writer thread; PBKDF2 for a credential not seen before, the
 * idempotency store and a mapping's JSLT transform run on workers.
 */
public final class WebhookHandler implements Handler<RoutingContext> {
    private final Intake intake;
    private final WebhookGate gate;
    private final Idempotency idempotency;
    private final RateLimiter rateLimiter;

    WebhookHandler(Intake intake, WebhookGate gate, Idempotency idempotency, RateLimiter rateLimiter) {
        this.intake = intake;
        this.gate = gate;
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ActiveWebhook hook = gate.webhook(ctx);
        if (hook != null) {
            gate.authenticate(ctx, hook, List.of(nullToEmpty(BasicCredential.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)))),
                    h -> authenticated(ctx, h));
        }
    }

    private void authenticated(RoutingContext ctx, ActiveWebhook hook) {
        byte[] body = bodyOf(ctx);
        idempotency.around(ctx, hook.webhook(), "single", body, () -> answer(ctx, hook, body));
    }

    private Future<IntakeAnswer> answer(RoutingContext ctx, ActiveWebhook hook, byte[] body) {
        IntakeAnswer limited = rateLimiter.refusal(hook.webhook(), 1, intake);
        if (limited != null) {
            return Future.succeededFuture(limited);
        }
        long receivedAt = intake.now();
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            return recorded(ctx, intake.reject(hook, IntakeError.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, got " + describe(contentType), null, body, receivedAt));
        }
        if (Intake.needsWorker(hook)) {
            return ctx.vertx().executeBlocking(() -> intake.check(hook, body, receivedAt), false)
                    .compose(checked -> commit(ctx, checked));
        }
        return commit(ctx, intake.check(hook, body, receivedAt));
    }

    private Future<IntakeAnswer> commit(RoutingContext ctx, Intake.Checked checked) {
        if (checked instanceof Intake.Reject r) {
            return recorded(ctx, r);
        }
        Intake.Accept accepted = (Intake.Accept) checked;
        return Future.fromCompletionStage(intake.commit(List.of(accepted.event())), ctx.vertx().getOrCreateContext())
                .transform(done -> Future.succeededFuture(done.succeeded() ? IntakeAnswer.ok(accepted.requestId())
                        : IntakeAnswer.error(IntakeError.LOG_UNAVAILABLE, IntakeError.LOG_UNAVAILABLE.message(),
                                accepted.requestId(), List.of())));
    }

    /**
     * The 4xx waits for its record's commit, so the requestId it carries is readable at once (DESIGN §3);
     * a record the log cannot take (queue full) fails at once and the 4xx goes out unrecorded.
     */
    private Future<IntakeAnswer> recorded(RoutingContext ctx, Intake.Reject r) {
        return Future.fromCompletionStage(intake.recordDurably(r), ctx.vertx().getOrCreateContext())
                .map(v -> IntakeAnswer.rejected(r));
    }

    static byte[] bodyOf(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static boolean isJson(String contentType) {
        return mediaTypeIs(contentType, "application/json");
    }

    static boolean mediaTypeIs(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase(expected);
    }

    static String describe(String contentType) {
        return contentType == null ? "none" : "\"" + (contentType.length() > 100 ? contentType.substring(0, 100) + "…" : contentType) + "\"";
    }
}
