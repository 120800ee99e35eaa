package dev.tidings.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.log.PendingRequests;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.store.ReadStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Re-runs a FAILED request (DESIGN §4, {@code POST …/requests/{id}/reprocess}): its kept body is checked
 * again under the webhook's and the org's current rules and appended to the log under the same request
 * id, so the pipeline stores it as if it had just arrived (a customer registered since, a definition
 * fixed). The pipeline replaces only a FAILED record with the re-run's outcome, so a second reprocess,
 * or one of a request that got processed meanwhile, never stores anything twice.
 *
 * <p>Threads: blocks (store reads, the log's commit); admin routes run it on a worker thread.
 * Serialized per node, so two calls at once on one node append once.
 */
public final class Reprocessor {
    /** How long the log's commit may take before the call gives up (the append may still land). */
    private static final long COMMIT_WAIT_SECONDS = 30;

    public enum Result {
        /** Appended to the log now. */
        QUEUED,
        /** An earlier reprocess of it is still waiting in the log: nothing appended. */
        ALREADY_QUEUED,
        /** Stored already (processed or a duplicate): nothing to re-run. */
        NOT_NEEDED,
        NOT_FOUND,
        /** Not a FAILED request, or its body or webhook is gone: {@code message} says which. */
        NOT_REPROCESSABLE,
        /** The kept body no longer passes the intake's checks: {@code problems} lists why. */
        STILL_INVALID,
        /** The log could not take the event. */
        LOG_UNAVAILABLE
    }

    public record Outcome(Result result, RequestStatus status, String message, List<FieldProblem> problems) {
        static Outcome of(Result result, RequestStatus status, String message) {
            return new Outcome(result, status, message, List.of());
        }
    }

    private final Intake intake;
    private final Registry registry;
    private final ReadStore store;
    private final PendingRequests pending;

    Reprocessor(Intake intake, Registry registry, ReadStore store, PendingRequests pending) {
        this.intake = intake;
        this.registry = registry;
        this.store = store;
        this.pending = pending;
    }

    public synchronized Outcome reprocess(String orgId, String requestId) {
        Optional<RequestRecord> stored = store.request(orgId, requestId);
        if (stored.isEmpty()) {
            return pending.find(orgId, requestId) instanceof PendingRequests.Found
                    ? Outcome.of(Result.NOT_REPROCESSABLE, RequestStatus.RECEIVED, "Request " + requestId
                            + " has not been processed yet; only a FAILED request can be reprocessed")
                    : Outcome.of(Result.NOT_FOUND, null, "Request " + requestId);
        }
        RequestRecord request = stored.get();
        switch (request.status()) {
            case PROCESSED, DUPLICATE -> {
                return Outcome.of(Result.NOT_NEEDED, request.status(), "Request " + requestId + " is already stored");
            }
            case FAILED -> {
                return rerun(request);
            }
            default -> {
                return Outcome.of(Result.NOT_REPROCESSABLE, request.status(), "Request " + requestId + " is "
                        + request.status() + "; only a FAILED request can be reprocessed (a rejected one is fixed by"
                        + " sending it again)");
            }
        }
    }

    private Outcome rerun(RequestRecord request) {
        String id = request.requestId();
        if (pending.find(request.orgId(), id) instanceof PendingRequests.Found) {
            return Outcome.of(Result.ALREADY_QUEUED, RequestStatus.FAILED, "Request " + id + " is already queued again");
        }
        Optional<byte[]> body = store.keptBody(request.orgId(), id);
        if (body.isEmpty()) {
            return Outcome.of(Result.NOT_REPROCESSABLE, RequestStatus.FAILED, "The body of request " + id
                    + " is no longer kept (past the rejected-request retention)");
        }
        ActiveWebhook hook = registry.webhook(request.webhookId());
        if (hook == null || !hook.webhook().orgId().equals(request.orgId())) {
            return Outcome.of(Result.NOT_REPROCESSABLE, RequestStatus.FAILED, "Webhook " + request.webhookId()
                    + " of request " + id + " no longer exists");
        }
        Intake.Checked checked = recheck(hook, body.get(), id, request.receivedAt());
        if (checked instanceof Intake.Reject r) {
            return new Outcome(Result.STILL_INVALID, RequestStatus.FAILED, r.message(), r.problems().isEmpty()
                    ? List.of(FieldProblem.whole(r.error().name(), r.message())) : r.problems());
        }
        try {
            intake.commit(List.of(((Intake.Accept) checked).event())).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            return Outcome.of(Result.LOG_UNAVAILABLE, RequestStatus.FAILED, "The log cannot take the event now: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(Result.LOG_UNAVAILABLE, RequestStatus.FAILED, "Interrupted while appending to the log");
        }
        return Outcome.of(Result.QUEUED, RequestStatus.FAILED, "Request " + id + " is queued again");
    }

    /**
     * A Segment {@code track} message is kept as the SDK sent it: it is turned into its event again, as the
     * Segment-compatible API did; anything else is re-checked as the single post or batch element it was.
     */
    private Intake.Checked recheck(ActiveWebhook hook, byte[] body, String id, long receivedAt) {
        JsonNode parsed = intake.parse(body);
        if (parsed != null && parsed.isObject() && "track".equals(SegmentMessages.text(parsed, "type"))
                && !parsed.has("event_name")) {
            return intake.recheck(hook, SegmentMessages.event(parsed, name -> intake.definition(hook, name)), body, id,
                    receivedAt);
        }
        return intake.recheck(hook, body, id, receivedAt);
    }
}
