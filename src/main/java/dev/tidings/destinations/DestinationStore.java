package dev.tidings.destinations;

import java.util.List;
import java.util.Optional;

/**
 * Where destinations, their deliveries and attempts live: SQLite (embedded) or PostgreSQL (cluster).
 * Blocking; callers use their own threads. Secrets pass through as given (the caller seals them).
 *
 * <p>Claims: {@link #claim} leases due deliveries to one owner until a time; a lease that ran out (its
 * owner was killed) makes the delivery claimable again, so it is sent again by someone: at least once.
 */
public interface DestinationStore {

    /** The name of the destinations consumer's outbox position. */
    String CONSUMER = "destinations";

    void create(Destination destination);

    /** Replaces the destination's row; false when it does not exist. */
    boolean update(Destination destination);

    Optional<Destination> get(String orgId, String id);

    /** An org's destinations, oldest first. */
    List<Destination> list(String orgId);

    /** Every destination of every org (the engine's view). */
    List<Destination> all();

    /**
     * Inserts the deliveries (one per destination and request; ones already there are skipped) and
     * moves the consumer's outbox position to {@code seq}, in one transaction; due at once.
     */
    void enqueue(List<NewDelivery> deliveries, long seq, long now);

    /**
     * Leases up to {@code max} PENDING deliveries of a destination due at {@code now} whose lease is
     * free, oldest first; with {@code perCustomer} only the oldest pending delivery of each customer
     * is eligible, so a failing one holds back that customer's later ones and nobody else's.
     */
    List<Delivery> claim(String destinationId, long now, int max, boolean perCustomer, String owner, long leaseUntil);

    /**
     * Records attempts, each moving its delivery to its outcome, releasing its lease and updating its
     * destination's failure streak (cleared on success, started on failure; disabled when the outcome
     * says so), all in one transaction: the engine's group commit.
     */
    void record(List<Recorded> attempts, long now);

    /** One attempt to record with the delivery it was made for and what it leads to. */
    record Recorded(Delivery delivery, Attempt attempt, AttemptOutcome outcome) {}

    Optional<Delivery> delivery(String destinationId, String deliveryId);

    List<Delivery> deliveries(DeliveryQuery query);

    List<Attempt> attempts(String deliveryId);

    /** Makes the matching deliveries PENDING and due at {@code now} with a fresh round; how many. */
    int replay(String destinationId, Replay replay, long now);

    /** Every delivery of one request, across the org's destinations, for the request view. */
    List<Delivery> forRequest(String orgId, String requestId);

    /** Per destination: PENDING count and oldest PENDING creation time (for the metrics). */
    List<Backlog> backlog();

    record Backlog(String destinationId, long pending, long oldestPendingAt) {}
}
