package dev.tidings.store;

/**
 * An outbox entry with the stored event it announces: what loyalty and destinations act on (the
 * event's typed attributes, its customer and its time), read in one query.
 */
public record OutboxEvent(OutboxEntry entry, StoredEvent event) {

    public long seq() {
        return entry.seq();
    }

    /** Neither a duplicate nor a test event. */
    public boolean deliverable() {
        return entry.deliverable();
    }
}
