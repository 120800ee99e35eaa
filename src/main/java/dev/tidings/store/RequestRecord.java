package dev.tidings.store;

import dev.tidings.registry.FieldProblem;
import java.util.List;

/** What happened to one request: its final status, the timed states that led there, and any errors. */
public record RequestRecord(
        String requestId,
        String orgId,
        String webhookId,
        String eventName,
        RequestStatus status,
        String reason,
        boolean test,
        long receivedAt,
        List<State> states,
        List<FieldProblem> errors) {

    public record State(String state, long at, String message) {}
}
