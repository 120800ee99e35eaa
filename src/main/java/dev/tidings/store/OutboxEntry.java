package dev.tidings.store;

/**
 * One stored event as its consumers (loyalty, destinations) see it in the outbox: {@code seq} grows in
 * commit order and is never reused. Duplicates and test events are in the outbox, marked, so a
 * consumer that skips them does so knowingly.
 */
public record OutboxEntry(long seq, String orgId, String requestId, String eventName, String customerId,
        boolean duplicate, boolean test, long createdAt) {

    /** What loyalty and destinations act on: neither a duplicate nor a test event. */
    public boolean deliverable() {
        return !duplicate && !test;
    }
}
