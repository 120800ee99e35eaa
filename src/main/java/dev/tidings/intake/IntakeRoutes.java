package dev.tidings.intake;

import dev.tidings.config.ServerConfig;
import dev.tidings.log.EventAppender;
import dev.tidings.log.PendingRequests;
import dev.tidings.registry.Registry;
import dev.tidings.store.IntakeKeys;
import dev.tidings.store.ReadStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;

/**
 * Wires the ways in over one {@link Intake}: the single post ({@link #single}), and {@link #mount} for the
 * batch and the Segment-compatible calls, each with its own body limit.
 */
public final class IntakeRoutes {
    /** Segment's own limits: 32 KiB per message, 500 KiB per batch. */
    static final int SEGMENT_MESSAGE_BYTES = 32 * 1024;
    static final int SEGMENT_BATCH_BYTES = 500 * 1024;

    /** What the intake is wired from. */
    public record Parts(Vertx vertx, Registry registry, EventAppender log, IntakeKeys keys, ReadStore customers,
            IntakeMetrics metrics, Clock clock, PipelineLagGate lagGate) {}

    private final WebhookHandler single;
    private final BatchHandler batch;
    private final SegmentHandler segment;
    private final ServerConfig.IntakeWays ways;
    private final Intake intake;
    private final Parts parts;

    public IntakeRoutes(Parts parts, IntakeJson json, String cluster, int maxBodyBytes, ServerConfig.IntakeWays ways) {
        Intake intake = new Intake(parts.registry(), parts.log(), json, parts.metrics(), parts.clock());
        this.intake = intake;
        this.parts = parts;
        WebhookGate gate = new WebhookGate(parts.vertx(), parts.registry(), cluster, intake, parts.lagGate());
        Idempotency idempotency = new Idempotency(parts.vertx(), parts.keys(), ways.idempotencyWindow(), parts.clock(), gate);
        RateLimiter rateLimiter = new RateLimiter(System::nanoTime);
        this.ways = ways;
        this.single = new WebhookHandler(intake, gate, idempotency, rateLimiter);
        this.batch = new BatchHandler(intake, gate, idempotency, rateLimiter,
                // The array as a whole may hold strings up to the batch limit: an event over the event limit is rejected alone.
                new BatchReader(new IntakeJson(json.maxNestingDepth() + 1, ways.maxBatchBytes()), ways.maxBatchEvents(), maxBodyBytes));
        this.segment = new SegmentHandler(intake, gate, rateLimiter, new SegmentKeys(parts.vertx(), parts.keys(),
                ways.idempotencyWindow(), parts.clock()), parts.customers(),
                // SDK payloads nest context objects deeper than flat events, and a batch may hold one oversized message.
                new IntakeJson(Math.max(32, json.maxNestingDepth()), SEGMENT_BATCH_BYTES));
    }

    public Handler<RoutingContext> single() {
        return single;
    }

    /** Re-runs failed requests through this intake (the admin API's reprocess). */
    public Reprocessor reprocessor(PendingRequests pending) {
        return new Reprocessor(intake, parts.registry(), parts.customers(), pending);
    }

    /** The batch and Segment routes; their bodies over the limit get the intake's 413 with the right figure. */
    public void mount(Router router) {
        router.post("/:cluster/webhooks/:webhookId/batch")
                .handler(BodyHandler.create(false).setBodyLimit(ways.maxBatchBytes()))
                .failureHandler(ctx -> tooLarge(ctx, ways.maxBatchBytes(), "--max-batch-bytes"))
                .handler(batch);
        // Named groups become path parameters; the optional slash is what Segment's Java library sends (v1/import/).
        router.postWithRegex("/(?<cluster>[^/]+)/webhooks/(?<webhookId>[^/]+)/v1/(?<call>[a-z]+)/?")
                .handler(BodyHandler.create(false).setBodyLimit(SEGMENT_BATCH_BYTES))
                .failureHandler(ctx -> tooLarge(ctx, SEGMENT_BATCH_BYTES, "Segment's batch limit"))
                .handler(segment);
    }

    private static void tooLarge(RoutingContext ctx, int limit, String which) {
        if (ctx.statusCode() != 413) {
            ctx.next();
            return;
        }
        IntakeAnswer.error(IntakeError.BATCH_TOO_LARGE, "Body is larger than the limit of " + limit + " bytes (" + which + ")",
                null, List.of()).send(ctx.response());
    }
}
