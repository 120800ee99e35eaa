package dev.tidings.log;

/**
 * One request as the intake hands it to the log: an {@link AcceptedEvent} (answered 1100) or a
 * {@link RejectedRequest} (answered 4xx, recorded so the brand can see why).
 */
public sealed interface LogRecord permits AcceptedEvent, RejectedRequest {

    String requestId();

    String orgId();

    long receivedAt();

    /** The body as it was sent. */
    byte[] body();

    /**
     * What a partitioned log orders by: one customer's events stay in order in one partition. A
     * rejected request has no trusted customer, so it spreads by request id.
     */
    String partitionKey();
}
