package dev.tidings.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.http.ErrorResponses;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.registry.ActiveWebhook;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /{cluster}/webhooks/{webhookId}/batch} (DESIGN §8): a JSON array or NDJSON; each event is
 * checked by {@link Intake} exactly as a single post and answered in input order; the accepted ones are
 * appended in one commit before the answer, so a 503 means none was stored.
 */
final class BatchHandler implements Handler<RoutingContext> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NDJSON = "application/x-ndjson";

    private final Intake intake;
    private final WebhookGate gate;
    private final Idempotency idempotency;
    private final RateLimiter rateLimiter;
    private final BatchReader reader;

    BatchHandler(Intake intake, WebhookGate gate, Idempotency idempotency, RateLimiter rateLimiter, BatchReader reader) {
        this.intake = intake;
        this.gate = gate;
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
        this.reader = reader;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ActiveWebhook hook = gate.webhook(ctx);
        if (hook != null) {
            gate.authenticate(ctx, hook, List.of(WebhookHandler.nullToEmpty(
                    BasicCredential.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)))), h -> authenticated(ctx, h));
        }
    }

    private void authenticated(RoutingContext ctx, ActiveWebhook hook) {
        byte[] body = WebhookHandler.bodyOf(ctx);
        idempotency.around(ctx, hook.webhook(), "batch", body, () -> answer(ctx, hook, body));
    }

    private Future<IntakeAnswer> answer(RoutingContext ctx, ActiveWebhook hook, byte[] body) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean ndjson = WebhookHandler.mediaTypeIs(contentType, NDJSON);
        if (!ndjson && !WebhookHandler.isJson(contentType)) {
            intake.failed(IntakeError.UNSUPPORTED_MEDIA_TYPE);
            return Future.succeededFuture(IntakeAnswer.error(IntakeError.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type of a batch must be application/json (an array) or " + NDJSON + ", got "
                            + WebhookHandler.describe(contentType), null, List.of()));
        }
        BatchReader.Read read = ndjson ? reader.ndjson(body) : reader.array(body);
        if (read.failure() != null) {
            intake.failed(read.failure());
            return Future.succeededFuture(IntakeAnswer.error(read.failure(), read.message(), null, List.of()));
        }
        IntakeAnswer limited = rateLimiter.refusal(hook.webhook(), read.items().size(), intake);
        if (limited != null) {
            return Future.succeededFuture(limited);
        }
        long receivedAt = intake.now();
        if (Intake.needsWorker(hook)) {
            return ctx.vertx().executeBlocking(() -> checkAll(hook, read.items(), receivedAt), false)
                    .compose(checked -> commit(ctx, checked, receivedAt));
        }
        return commit(ctx, checkAll(hook, read.items(), receivedAt), receivedAt);
    }

    private List<Intake.Checked> checkAll(ActiveWebhook hook, List<BatchReader.Item> items, long receivedAt) {
        List<Intake.Checked> checked = new ArrayList<>(items.size());
        for (BatchReader.Item item : items) {
            checked.add(item.tooLarge() ? intake.reject(hook, IntakeError.EVENT_TOO_LARGE, "Event at index " + checked.size()
                            + " is " + item.raw().length + " bytes, larger than the limit of " + reader.maxEventBytes() + " bytes",
                            null, Arrays.copyOf(item.raw(), Math.min(item.raw().length, 1024)), receivedAt)
                    : item.parsed() != null ? intake.check(hook, item.parsed(), item.raw(), receivedAt)
                    : intake.check(hook, item.raw(), receivedAt));
        }
        return checked;
    }

    private Future<IntakeAnswer> commit(RoutingContext ctx, List<Intake.Checked> checked, long receivedAt) {
        List<AcceptedEvent> accepted = new ArrayList<>(checked.size());
        for (Intake.Checked c : checked) {
            if (c instanceof Intake.Accept a) {
                accepted.add(a.event());
            }
        }
        String batchId = RequestIds.next(receivedAt);
        if (accepted.isEmpty()) {
            recordRejected(checked);
            return Future.succeededFuture(answer(batchId, checked, 0));
        }
        return Future.fromCompletionStage(intake.commit(accepted), ctx.vertx().getOrCreateContext()).transform(done -> {
            if (done.failed()) {
                // Nothing of the batch was stored: neither its events nor the records of its rejections.
                return Future.succeededFuture(IntakeAnswer.error(IntakeError.LOG_UNAVAILABLE, "The batch could not be stored"
                        + " now; none of its " + checked.size() + " events was stored, retry later", batchId, List.of()));
            }
            recordRejected(checked);
            return Future.succeededFuture(answer(batchId, checked, accepted.size()));
        });
    }

    private void recordRejected(List<Intake.Checked> checked) {
        for (Intake.Checked c : checked) {
            if (c instanceof Intake.Reject r) {
                intake.record(r);
            }
        }
    }

    /** 200 when any event was accepted (1100 only when all were), 400 when none was; results in input order. */
    static IntakeAnswer answer(String batchId, List<Intake.Checked> checked, int accepted) {
        int rejected = checked.size() - accepted;
        IntakeError top = rejected == 0 ? null : accepted == 0 ? IntakeError.BATCH_REJECTED : IntakeError.BATCH_PARTLY_ACCEPTED;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode status = root.putObject("status");
        status.put("code", top == null ? 1100 : top.code());
        status.put("message", top == null ? IntakeAnswer.OK_MESSAGE
                : accepted + " of " + checked.size() + " events accepted, " + rejected + " rejected");
        root.put("requestId", batchId);
        root.put("accepted", accepted);
        root.put("rejected", rejected);
        ArrayNode results = root.putArray("results");
        for (int i = 0; i < checked.size(); i++) {
            results.add(result(i, checked.get(i)));
        }
        return new IntakeAnswer(accepted == 0 ? 400 : 200, Buffer.buffer(bytes(root)), 0);
    }

    /** Written straight to UTF-8 bytes: a batch's answer is large, and a String of it would be encoded again. */
    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch answer", e);
        }
    }

    static ObjectNode result(int index, Intake.Checked c) {
        ObjectNode item = JSON.createObjectNode();
        item.put("index", index);
        item.put("requestId", c.requestId());
        if (c instanceof Intake.Reject r) {
            ObjectNode e = ErrorResponses.body(r.error().code(), r.message(), null, r.problems());
            item.set("status", e.get("status"));
            item.set("errors", e.get("errors"));
        } else {
            ObjectNode s = item.putObject("status");
            s.put("code", 1100);
            s.put("message", IntakeAnswer.OK_MESSAGE);
        }
        return item;
    }
}
