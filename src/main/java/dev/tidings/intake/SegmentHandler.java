package dev.tidings.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.FieldProblem;
import dev.tidings.store.Customer;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.IdentifierTakenException;
import dev.tidings.store.ReadStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /{cluster}/webhooks/{id}/v1/{call}}: the Segment-compatible API (DESIGN §8), so Segment's
 * and RudderStack's SDKs deliver unchanged. A thin adapter: messages become event bodies
 * ({@link SegmentMessages}) and go through the same {@link Intake} as every other way in; {@code identify}
 * registers the customer; page, screen, group and alias are recorded REJECTED with UNSUPPORTED_CALL.
 *
 * <p>Event loop for parsing and answering; the messageId store, the customer store and JSLT mappings
 * run on a worker thread, one hop per request.
 */
final class SegmentHandler implements Handler<RoutingContext> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CALLS = Set.of("track", "identify", "page", "screen", "group", "alias", "batch", "import");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Intake intake;
    private final WebhookGate gate;
    private final RateLimiter rateLimiter;
    private final SegmentKeys messageIds;
    private final ReadStore customers;
    private final ObjectReader json;

    SegmentHandler(Intake intake, WebhookGate gate, RateLimiter rateLimiter, SegmentKeys messageIds, ReadStore customers,
            IntakeJson json) {
        this.intake = intake;
        this.gate = gate;
        this.rateLimiter = rateLimiter;
        this.messageIds = messageIds;
        this.customers = customers;
        this.json = json.reader();
    }

    /** One message's fate: its check, or a repeat of a messageId, or an identify's customer. */
    private record Entry(String messageId, Intake.Checked checked, boolean duplicate, String customerId, String requestId) {}

    @Override
    public void handle(RoutingContext ctx) {
        ActiveWebhook hook = gate.webhook(ctx);
        if (hook == null) {
            return;
        }
        String call = ctx.pathParam("call");
        if (!CALLS.contains(call)) {
            gate.fail(ctx, IntakeError.WEBHOOK_NOT_FOUND, "No Segment call " + call + ": the calls are " + CALLS);
            return;
        }
        byte[] body = WebhookHandler.bodyOf(ctx);
        JsonNode root = parse(body);
        String writeKey = root != null && root.isObject() ? SegmentMessages.text(root, "writeKey") : null;
        String basic = WebhookHandler.nullToEmpty(BasicCredential.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)));
        // Segment's write-key form is base64("<key>:"): the credential with an empty password.
        String stripped = basic.endsWith(":") ? basic.substring(0, basic.length() - 1) : "";
        gate.authenticate(ctx, hook, List.of(basic, stripped, writeKey == null ? "" : writeKey),
                h -> authenticated(ctx, h, call, body, root));
    }

    private void authenticated(RoutingContext ctx, ActiveWebhook hook, String call, byte[] body, JsonNode root) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        long receivedAt = intake.now();
        if (!WebhookHandler.isJson(contentType) && !WebhookHandler.mediaTypeIs(contentType, FORM)) {
            send(ctx, recorded(intake.reject(hook, IntakeError.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json"
                    + " or " + FORM + ", got " + WebhookHandler.describe(contentType), null, body, receivedAt)));
            return;
        }
        if (root == null || !root.isObject()) {
            send(ctx, recorded(intake.reject(hook, IntakeError.INVALID_JSON, "Body must be one JSON object of a Segment "
                    + call + " call", null, body, receivedAt)));
            return;
        }
        List<JsonNode> messages = SegmentMessages.of(call, (ObjectNode) root);
        if (messages == null || messages.isEmpty()) {
            send(ctx, recorded(intake.reject(hook, messages == null ? IntakeError.NOT_A_BATCH : IntakeError.BATCH_EMPTY,
                    "A Segment " + call + " call needs batch, a non-empty array of messages", null, body, receivedAt)));
            return;
        }
        boolean single = !call.equals("batch") && !call.equals("import");
        if (single && body.length > IntakeRoutes.SEGMENT_MESSAGE_BYTES) {
            intake.failed(IntakeError.EVENT_TOO_LARGE);
            send(ctx, IntakeAnswer.error(IntakeError.EVENT_TOO_LARGE, "Message is larger than Segment's limit of "
                    + IntakeRoutes.SEGMENT_MESSAGE_BYTES + " bytes", null, List.of()));
            return;
        }
        IntakeAnswer limited = rateLimiter.refusal(hook.webhook(), messages.size(), intake);
        if (limited != null) {
            send(ctx, limited);
            return;
        }
        ctx.vertx().executeBlocking(() -> prepare(hook, messages, receivedAt), false)
                .compose(entries -> commit(ctx, hook, entries))
                .onComplete(done -> send(ctx, done.succeeded() ? answer(single, done.result())
                        : IntakeAnswer.error(IntakeError.LOG_UNAVAILABLE, IntakeError.LOG_UNAVAILABLE.message(), null, List.of())));
    }

    /** Worker thread: message sizes and types, messageId claims, checks, identifies. */
    private List<Entry> prepare(ActiveWebhook hook, List<JsonNode> messages, long receivedAt) {
        List<byte[]> raws = new ArrayList<>(messages.size());
        List<String> trackIds = new ArrayList<>(messages.size());
        for (JsonNode m : messages) {
            byte[] raw = bytes(m);
            raws.add(raw);
            boolean track = m.isObject() && "track".equals(SegmentMessages.text(m, "type"))
                    && raw.length <= IntakeRoutes.SEGMENT_MESSAGE_BYTES;
            trackIds.add(track ? SegmentMessages.text(m, "messageId") : null);
        }
        List<Boolean> owned = messageIds.claim(hook.webhook().id(), trackIds);
        List<Entry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            byte[] raw = raws.get(i);
            String messageId = m.isObject() ? SegmentMessages.text(m, "messageId") : null;
            String type = m.isObject() ? SegmentMessages.text(m, "type") : null;
            if (raw.length > IntakeRoutes.SEGMENT_MESSAGE_BYTES) {
                entries.add(new Entry(messageId, intake.reject(hook, IntakeError.EVENT_TOO_LARGE, "Message at index " + i
                        + " is larger than Segment's limit of " + IntakeRoutes.SEGMENT_MESSAGE_BYTES + " bytes", null,
                        java.util.Arrays.copyOf(raw, 1024), receivedAt), false, null, null));
            } else if (!m.isObject()) {
                entries.add(new Entry(null, intake.check(hook, m, raw, receivedAt), false, null, null));
            } else if ("track".equals(type)) {
                entries.add(!owned.get(i) ? new Entry(messageId, null, true, null, null)
                        : new Entry(messageId, intake.check(hook, SegmentMessages.event(m, name -> intake.definition(hook, name)),
                                raw, receivedAt), false, null, null));
            } else if ("identify".equals(type)) {
                entries.add(identify(hook, m, messageId, raw, receivedAt));
            } else {
                entries.add(new Entry(messageId, intake.reject(hook, IntakeError.UNSUPPORTED_CALL, "Segment " + type
                        + " calls are not supported: only track (an event) and identify (a customer) are taken",
                        type, raw, receivedAt), false, null, null));
            }
        }
        return entries;
    }

    private Entry identify(ActiveWebhook hook, JsonNode m, String messageId, byte[] raw, long receivedAt) {
        List<Identifier> ids = SegmentMessages.identifiers(m);
        if (ids.isEmpty()) {
            Intake.Reject r = intake.reject(hook, IntakeError.VALIDATION_FAILED, "identify needs userId, traits.email or"
                    + " traits.phone (a mobile number)", "identify", raw, receivedAt);
            return new Entry(messageId, new Intake.Reject(r.error(), r.message(), List.of(FieldProblem.of("userId", "REQUIRED",
                    "identify needs userId, traits.email or traits.phone")), r.record()), false, null, null);
        }
        String org = hook.webhook().orgId();
        for (Identifier id : ids) {
            Optional<Customer> known = customers.customer(org, id);
            if (known.isPresent()) {
                return new Entry(messageId, null, false, known.get().id(), RequestIds.next(receivedAt));
            }
        }
        try {
            return new Entry(messageId, null, false, customers.registerCustomer(org, ids, receivedAt).id(),
                    RequestIds.next(receivedAt));
        } catch (IdentifierTakenException raced) {
            // Another request registered this customer a moment ago: it exists, which is what identify asks.
            return new Entry(messageId, null, false, customers.customer(org, ids.get(0)).map(Customer::id).orElse(null),
                    RequestIds.next(receivedAt));
        }
    }

    /** One commit of every accepted track; then the messageIds are kept (accepted) or freed (the rest). */
    private Future<List<Entry>> commit(RoutingContext ctx, ActiveWebhook hook, List<Entry> entries) {
        List<AcceptedEvent> accepted = new ArrayList<>();
        List<String> keep = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (Entry e : entries) {
            if (e.checked() instanceof Intake.Accept a) {
                accepted.add(a.event());
                if (e.messageId() != null) {
                    keep.add(e.messageId());
                }
            } else if (e.checked() instanceof Intake.Reject && e.messageId() != null && !e.duplicate()) {
                free.add(e.messageId());
            }
        }
        String webhookId = hook.webhook().id();
        Future<Void> appended = accepted.isEmpty() ? Future.succeededFuture()
                : Future.fromCompletionStage(intake.commit(accepted), ctx.vertx().getOrCreateContext());
        return appended.transform(done -> ctx.vertx().executeBlocking(() -> {
            if (done.failed()) {
                keep.addAll(free);
                messageIds.release(webhookId, keep);
                throw new IllegalStateException("not stored", done.cause());
            }
            messageIds.complete(webhookId, keep);
            messageIds.release(webhookId, free);
            return entries;
        }, false)).onSuccess(ok -> entries.forEach(e -> {
            if (e.checked() instanceof Intake.Reject r) {
                intake.record(r);
            }
        }));
    }

    private static IntakeAnswer answer(boolean single, List<Entry> entries) {
        if (single && entries.size() == 1 && entries.get(0).checked() instanceof Intake.Reject r
                && r.error() != IntakeError.UNSUPPORTED_CALL) {
            return IntakeAnswer.rejected(r);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        ObjectNode counts = root;
        ArrayNode results = JSON.createArrayNode();
        int accepted = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            ObjectNode item;
            if (e.checked() != null) {
                item = BatchHandler.result(i, e.checked());
                accepted += e.checked() instanceof Intake.Accept ? 1 : 0;
            } else {
                item = JSON.createObjectNode();
                item.put("index", i);
                if (e.requestId() != null) {
                    item.put("requestId", e.requestId());
                }
                ObjectNode s = item.putObject("status");
                s.put("code", 1100);
                s.put("message", e.duplicate() ? "Repeat of a message already taken; not stored again"
                        : "Customer " + e.customerId() + " identified");
                if (e.duplicate()) {
                    item.put("duplicate", true);
                }
                if (e.customerId() != null) {
                    item.put("customerId", e.customerId());
                }
                accepted++;
            }
            item.put("messageId", e.messageId());
            results.add(item);
        }
        counts.put("accepted", accepted);
        counts.put("rejected", entries.size() - accepted);
        root.set("results", results);
        return new IntakeAnswer(200, Buffer.buffer(root.toString()), 0);
    }

    private IntakeAnswer recorded(Intake.Reject r) {
        intake.record(r);
        return IntakeAnswer.rejected(r);
    }

    private static void send(RoutingContext ctx, IntakeAnswer answer) {
        answer.send(ctx.response());
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode m) {
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }
}
