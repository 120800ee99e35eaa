package dev.tidings.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.intake.Reprocessor;
import dev.tidings.intake.Reprocessor.Outcome;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/orgs/{org}/requests/{requestId}/reprocess}: re-runs a FAILED request through the
 * pipeline ({@link Reprocessor}). 202 when it is queued (now or by an earlier call), 200 when it is
 * stored already; a request that cannot be re-run is a 409 saying why.
 */
final class ReprocessApi {
    private final Reprocessor reprocessor;

    ReprocessApi(Reprocessor reprocessor) {
        this.reprocessor = reprocessor;
    }

    void mount(Router router) {
        router.post("/api/v1/orgs/:org/requests/:requestId/reprocess").handler(this::reprocess);
    }

    private void reprocess(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String requestId = ctx.pathParam("requestId");
        ctx.vertx().executeBlocking(() -> reprocessor.reprocess(org, requestId), false).onComplete(done -> {
            if (done.failed()) {
                Replies.failure(ctx, done.cause());
                return;
            }
            Outcome o = done.result();
            switch (o.result()) {
                case QUEUED, ALREADY_QUEUED -> Replies.json(ctx, 202, answer(requestId, o));
                case NOT_NEEDED -> Replies.json(ctx, 200, answer(requestId, o));
                case NOT_FOUND -> Replies.failure(ctx, AdminFailure.notFound(o.message()));
                case NOT_REPROCESSABLE -> Replies.failure(ctx, new AdminFailure(AdminError.NOT_REPROCESSABLE, o.message()));
                case STILL_INVALID -> Replies.failure(ctx, new AdminFailure(AdminError.STILL_INVALID,
                        "The kept body no longer passes the intake's checks: " + o.message(), o.problems()));
                case LOG_UNAVAILABLE -> Replies.failure(ctx, new AdminFailure(AdminError.LOG_UNAVAILABLE, o.message()));
            }
        });
    }

    private static ObjectNode answer(String requestId, Outcome o) {
        return JsonNodeFactory.instance.objectNode().put("requestId", requestId).put("reprocess", o.result().name())
                .put("status", o.status().name()).put("message", o.message());
    }
}
