package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tidings.pipeline.PipelineControl;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Operator controls of the pipeline (root token only): its position and lag, and pause / resume —
 * for maintenance of the store while the intake keeps accepting, and for measuring drain rate from a
 * known backlog.
 */
final class PipelineApi {
    private final PipelineControl pipeline;

    PipelineApi(PipelineControl pipeline) {
        this.pipeline = pipeline;
    }

    void mount(Router router) {
        router.get("/api/v1/pipeline").handler(ctx -> rootOnly(ctx, () -> { }));
        router.post("/api/v1/pipeline/pause").handler(ctx -> rootOnly(ctx, pipeline::pause));
        router.post("/api/v1/pipeline/resume").handler(ctx -> rootOnly(ctx, pipeline::resume));
    }

    private void rootOnly(RoutingContext ctx, Runnable action) {
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        if (!principal.isRoot()) {
            (new AdminFailure(AdminError.FORBIDDEN, "Only the root token may control the pipeline")).sendTo(ctx.response());
            return;
        }
        Replies.blocking(ctx, 200, () -> {
            // Pause and resume write the shared setting: a store write, never on the event loop.
            action.run();
            ObjectNode n = Replies.mapper().createObjectNode();
            n.put("paused", pipeline.paused());
            long lag = 0;
            long position = 0;
            ArrayNode partitions = n.putArray("partitions");
            for (PipelineControl.PartitionLag p : pipeline.partitions()) {
                partitions.addObject().put("partition", p.partition()).put("position", p.position())
                        .put("end", p.end()).put("lag", p.lag());
                lag += p.lag();
                position = Math.max(position, p.position());
            }
            // The sums keep the single-partition answer of the embedded log as it always was.
            n.put("position", position);
            n.put("lag", lag);
            return n;
        });
    }
}
