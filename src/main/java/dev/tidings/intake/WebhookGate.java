package dev.tidings.intake;

import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * The door every way in shares: the cluster segment, an enabled webhook, and its credential. Answers
 * 404 or 401 itself; hands the authenticated webhook on. A credential seen before costs a SHA-256 and a
 * constant-time compare; a generated one is checked inline by its keyed hash; only an unknown given one
 * pays for PBKDF2, on a worker thread, once for all concurrent requests with it. Past
 * {@code --max-pipeline-lag} an authenticated request gets 503 before its body is parsed.
 */
final class WebhookGate {
    private final Vertx vertx;
    private final Registry registry;
    private final String cluster;
    private final Intake intake;
    private final PipelineLagGate lagGate;

    WebhookGate(Vertx vertx, Registry registry, String cluster, Intake intake, PipelineLagGate lagGate) {
        this.lagGate = lagGate;
        this.vertx = vertx;
        this.registry = registry;
        this.cluster = cluster;
        this.intake = intake;
    }

    /** The enabled webhook the path names, or null after answering 404. */
    ActiveWebhook webhook(RoutingContext ctx) {
        if (!cluster.equals(ctx.pathParam("cluster"))) {
            // Blaming the webhook would send the user hunting for a wrong id; the segment is what differs.
            fail(ctx, IntakeError.WEBHOOK_NOT_FOUND, "No webhooks under /" + ctx.pathParam("cluster")
                    + "/: this server serves /" + cluster + "/webhooks/{webhookId} (its --cluster)");
            return null;
        }
        ActiveWebhook hook = registry.webhook(ctx.pathParam("webhookId"));
        if (hook == null || !hook.webhook().enabled()) {
            fail(ctx, IntakeError.WEBHOOK_NOT_FOUND, "No enabled webhook at " + ctx.request().path());
            return null;
        }
        return hook;
    }

    /**
     * Calls {@code then} when one of {@code credentials} (tried in order; nulls skipped) is the
     * webhook's, else answers 401. Several candidates exist for Segment's write-key forms.
     */
    void authenticate(RoutingContext ctx, ActiveWebhook hook, List<String> credentials, Consumer<ActiveWebhook> then) {
        String unknown = null;
        byte[] unknownDigest = null;
        for (String credential : credentials) {
            if (credential == null || credential.isEmpty()) {
                continue;
            }
            byte[] digest = Secrets.sha256(credential);
            if (hook.knownGood(digest)) {
                pass(ctx, hook, then);
                return;
            }
            if (unknown == null && !hook.knownBad(digest)) {
                unknown = credential;
                unknownDigest = digest;
            }
        }
        if (unknown == null) {
            fail(ctx, IntakeError.UNAUTHORIZED, IntakeError.UNAUTHORIZED.message());
            return;
        }
        List<String> rest = credentials.subList(credentials.indexOf(unknown) + 1, credentials.size());
        String credential = unknown;
        byte[] digest = unknownDigest;
        Future.fromCompletionStage(hook.verify(credential, digest, this::onWorker), ctx.vertx().getOrCreateContext())
                .onComplete(ok -> {
            if (ok.succeeded() && ok.result()) {
                pass(ctx, hook, then);
            } else if (!rest.isEmpty()) {
                authenticate(ctx, hook, rest, then);
            } else {
                fail(ctx, IntakeError.UNAUTHORIZED, IntakeError.UNAUTHORIZED.message());
            }
        });
    }

    /** Back-pressure after authentication, before parsing: under overload the cheapest answer is the best one. */
    private void pass(RoutingContext ctx, ActiveWebhook hook, Consumer<ActiveWebhook> then) {
        if (lagGate.behind()) {
            fail(ctx, IntakeError.PIPELINE_BEHIND, "The pipeline is " + lagGate.lastLag()
                    + " events behind (--max-pipeline-lag " + lagGate.maxLag() + "); nothing was stored, retry later");
            return;
        }
        then.accept(hook);
    }

    private void onWorker(Runnable task) {
        vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    void fail(RoutingContext ctx, IntakeError error, String message) {
        intake.failed(error);
        IntakeAnswer.error(error, message, null, List.of()).send(ctx.response());
    }
}
