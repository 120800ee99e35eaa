package dev.tidings.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.EventAppender;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.registry.ValidationResult;
import dev.tidings.registry.Webhook;
import dev.tidings.registry.WebhookMapping;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The intake without HTTP (DESIGN §8): map → validate → build the log record, then commit. The single
 * post, the batch and the Segment calls are thin adapters over it, so every rule lives here once.
 * Authentication is {@link WebhookGate}'s; what reaches this class is an authenticated webhook.
 *
 * <p>Thread-safe and stateless but for the log. {@link #check} does no I/O; it may run on an event loop
 * unless the webhook's mapping has a JSLT transform ({@link #needsWorker}), the user's program, which
 * the adapters run on a worker thread.
 */
public final class Intake {

    /** One event checked: {@link Accept} (append it) or {@link Reject} (answer 4xx, record it). */
    public sealed interface Checked permits Accept, Reject {
        String requestId();
    }

    public record Accept(AcceptedEvent event) implements Checked {
        @Override
        public String requestId() {
            return event.requestId();
        }
    }

    public record Reject(IntakeError error, String message, List<FieldProblem> problems, RejectedRequest record)
            implements Checked {
        @Override
        public String requestId() {
            return record.requestId();
        }
    }

    private final Registry registry;
    private final EventAppender log;
    private final BodyCheck bodyCheck;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public Intake(Registry registry, EventAppender log, IntakeJson json, IntakeMetrics metrics, Clock clock) {
        this.registry = registry;
        this.log = log;
        this.bodyCheck = new BodyCheck(json);
        this.metrics = metrics;
        this.clock = clock;
    }

    public long now() {
        return clock.millis();
    }

    /** True when checking this webhook's events runs a user's JSLT program. */
    public static boolean needsWorker(ActiveWebhook hook) {
        return hook.mapping() != null && hook.mapping().hasTransform();
    }

    /** A raw body as a single post sends it. */
    public Checked check(ActiveWebhook hook, byte[] body, long receivedAt) {
        return recheck(hook, body, RequestIds.next(receivedAt), receivedAt);
    }

    /**
     * A body checked under the webhook's and the org's current rules, keeping a request id and receipt
     * time it already has: a reprocess ({@link Reprocessor}) re-runs a kept body this way.
     */
    Checked recheck(ActiveWebhook hook, byte[] body, String requestId, long receivedAt) {
        if (hook.mapping() == null) {
            return outcome(hook, requestId, receivedAt, body, null,
                    bodyCheck.check(body, name -> registry.definition(hook.webhook().orgId(), name)));
        }
        Object parsed = bodyCheck.parse(body);
        if (parsed instanceof BodyCheck.Rejected r) {
            return outcome(hook, requestId, receivedAt, body, null, r);
        }
        return mappedCheck(hook, requestId, receivedAt, body, (JsonNode) parsed);
    }

    /** An already parsed event (a batch element, a Segment message turned event) with its raw bytes. */
    public Checked check(ActiveWebhook hook, JsonNode parsed, byte[] body, long receivedAt) {
        return recheck(hook, parsed, body, RequestIds.next(receivedAt), receivedAt);
    }

    /** {@link #recheck(ActiveWebhook, byte[], String, long)} of an already parsed event. */
    Checked recheck(ActiveWebhook hook, JsonNode parsed, byte[] body, String requestId, long receivedAt) {
        if (hook.mapping() == null) {
            return outcome(hook, requestId, receivedAt, body, null,
                    bodyCheck.check(parsed, name -> registry.definition(hook.webhook().orgId(), name)));
        }
        return mappedCheck(hook, requestId, receivedAt, body, parsed);
    }

    /** The body parsed as the intake parses it, or null when it is not JSON the intake would read. */
    JsonNode parse(byte[] body) {
        return bodyCheck.parse(body) instanceof JsonNode n ? n : null;
    }

    /** A rejection decided by an adapter (wrong content type, an event over the size limit, an unsupported call). */
    public Reject reject(ActiveWebhook hook, IntakeError error, String message, String eventName, byte[] body, long receivedAt) {
        return rejection(hook.webhook(), RequestIds.next(receivedAt), receivedAt, body,
                new BodyCheck.Rejected(error, message, eventName, null, List.of()));
    }

    /** The org's current definition of an event, or null (the Segment adapter needs its CUSTOMER attribute). */
    public ActiveDefinition definition(ActiveWebhook hook, String eventName) {
        return registry.definition(hook.webhook().orgId(), eventName);
    }

    /** Durable append of the accepted events in one commit; counted, with its latency, when it succeeds. */
    public CompletableFuture<Void> commit(List<AcceptedEvent> events) {
        long started = System.nanoTime();
        CompletableFuture<Void> append = events.size() == 1 ? log.append(events.get(0)) : log.appendAll(events);
        return append.whenComplete((ok, failed) -> {
            if (failed == null) {
                long nanos = System.nanoTime() - started;
                for (int i = 0; i < events.size(); i++) {
                    metrics.accepted(nanos);
                }
            } else {
                metrics.failed(IntakeError.LOG_UNAVAILABLE);
            }
        });
    }

    /** Records a rejection best-effort (a full log drops the record, never the answer) and counts it. */
    public void record(Reject r) {
        if (!log.offer(r.record())) {
            metrics.rejectedUnrecorded();
        }
        metrics.failed(r.error());
    }

    /**
     * Records a rejection durably: the future completes (never exceptionally) once the record committed,
     * or at once when the log could not take it, which is counted; the rejection is counted either way.
     */
    public CompletableFuture<Void> recordDurably(Reject r) {
        return log.append(r.record()).handle((ok, failed) -> {
            if (failed != null) {
                metrics.rejectedUnrecorded();
            }
            metrics.failed(r.error());
            return null;
        });
    }

    /** A failure before any event was read (404, 401, 413, 429…): only counted. */
    public void failed(IntakeError error) {
        metrics.failed(error);
    }

    private Checked mappedCheck(ActiveWebhook hook, String requestId, long receivedAt, byte[] body, JsonNode parsed) {
        WebhookMapping mapping = hook.mapping();
        if (!parsed.isObject()) {
            return outcome(hook, requestId, receivedAt, body, null,
                    bodyCheck.check(parsed, name -> registry.definition(hook.webhook().orgId(), name)));
        }
        WebhookMapping.Result mapped = mapping.apply((ObjectNode) parsed);
        if (!mapped.mapped()) {
            return rejection(hook.webhook(), requestId, receivedAt, body, new BodyCheck.Rejected(IntakeError.MAPPING_FAILED,
                    "Body could not be mapped: " + mapped.problems().get(0).message(), null, null, mapped.problems()));
        }
        return outcome(hook, requestId, receivedAt, body, mapping,
                bodyCheck.check(mapped.body(), name -> registry.definition(hook.webhook().orgId(), name)));
    }

    private Checked outcome(ActiveWebhook hook, String requestId, long receivedAt, byte[] body, WebhookMapping mapping,
            BodyCheck.Outcome outcome) {
        Webhook webhook = hook.webhook();
        if (outcome instanceof BodyCheck.Rejected r) {
            return rejection(webhook, requestId, receivedAt, body, mapping == null ? r : withSources(r, mapping));
        }
        BodyCheck.Accepted accepted = (BodyCheck.Accepted) outcome;
        ActiveDefinition definition = accepted.definition();
        ValidationResult typed = accepted.result();
        return new Accept(new AcceptedEvent(requestId, webhook.orgId(), webhook.id(), accepted.eventName(),
                definition.definition().id(), definition.definition().version(), receivedAt,
                definition.definition().isDraft(), typed.customerValue(), typed.eventDateTime(), typed.attributes(),
                webhook.uniquenessCheck() ? definition.uniqueValues(accepted.body()) : null, body));
    }

    private static Reject rejection(Webhook webhook, String requestId, long receivedAt, byte[] body, BodyCheck.Rejected r) {
        ActiveDefinition definition = r.definition();
        RejectedRequest record = new RejectedRequest(requestId, webhook.orgId(), webhook.id(), r.eventName(),
                definition == null ? null : definition.definition().id(),
                definition == null ? 0 : definition.definition().version(), receivedAt,
                definition != null && definition.definition().isDraft(), r.error().code(),
                r.problems().isEmpty() ? List.of(FieldProblem.whole(r.error().name(), r.message())) : r.problems(), body);
        return new Reject(r.error(), r.message(), r.problems(), record);
    }

    /** A mapped attribute's problem names the path it came from, so the brand knows which of its fields to fix. */
    private static BodyCheck.Rejected withSources(BodyCheck.Rejected r, WebhookMapping mapping) {
        List<FieldProblem> named = new ArrayList<>(r.problems().size());
        for (FieldProblem p : r.problems()) {
            String source = p.attribute() == null ? null : mapping.sourceOf(p.attribute());
            named.add(source == null ? p : FieldProblem.of(p.attribute(), p.code(), p.message() + " (mapped from " + source + ")"));
        }
        return new BodyCheck.Rejected(r.error(), r.message(), r.eventName(), r.definition(), named);
    }
}
