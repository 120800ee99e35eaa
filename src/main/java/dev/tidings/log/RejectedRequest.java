package dev.tidings.log;

import dev.tidings.registry.FieldProblem;
import java.util.List;

/**
 * A request that passed authentication but was refused at intake, recorded so the brand can read
 * why. {@code eventName} and {@code definitionId} are null when the body failed before naming a
 * known event; {@code errorCode} is the {@code status.code} of the 4xx answer.
 */
public record RejectedRequest(
        String requestId,
        String orgId,
        String webhookId,
        String eventName,
        String definitionId,
        int definitionVersion,
        long receivedAt,
        boolean test,
        int errorCode,
        List<FieldProblem> errors,
        byte[] body) implements LogRecord {

    @Override
    public String partitionKey() {
        return orgId + "/" + requestId;
    }
}
