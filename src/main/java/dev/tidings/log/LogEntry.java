package dev.tidings.log;

/**
 * One request as the intake hands it to the log. Accepted events carry the definition version they
 * were validated under, so the pipeline transforms them with exactly those rules; rejected requests
 * carry their errors (as the JSON array of the 400 answer) so the brand can see them later.
 */
public record LogEntry(
        String requestId,
        String orgId,
        String webhookId,
        String eventName,
        String definitionId,
        int definitionVersion,
        long receivedAt,
        boolean test,
        Kind kind,
        int errorCode,
        String errorsJson,
        byte[] body) {

    public enum Kind {
        ACCEPTED, REJECTED
    }

    public static LogEntry accepted(String requestId, String orgId, String webhookId, String eventName,
            String definitionId, int definitionVersion, long receivedAt, boolean test, byte[] body) {
        return new LogEntry(requestId, orgId, webhookId, eventName, definitionId, definitionVersion,
                receivedAt, test, Kind.ACCEPTED, 0, null, body);
    }

    public boolean accepted() {
        return kind == Kind.ACCEPTED;
    }
}
