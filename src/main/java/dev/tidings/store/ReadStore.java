package dev.tidings.store;

import dev.tidings.store.EventQuery.Identifier;
import java.util.List;
import java.util.Optional;

/**
 * What the admin API reads from the store, always within one org, plus registering customers by hand.
 * Implementations: SQLite (embedded), PostgreSQL (cluster). Methods block; callers run them on worker
 * threads. Lists are keyset-paginated newest first and each query is served by an index.
 */
public interface ReadStore extends AutoCloseable {

    /** The request as the pipeline recorded it; empty when unknown to the org or not yet processed. */
    Optional<RequestRecord> request(String orgId, String requestId);

    Page<RequestRecord> logs(LogQuery query);

    /** The body kept for a rejected or failed request of the org (within the retention), if any. */
    Optional<byte[]> keptBody(String orgId, String requestId);

    Page<StoredEvent> events(EventQuery query);

    Optional<Customer> customer(String orgId, Identifier identifier);

    /**
     * Registers a new customer holding all these identifiers, in one transaction.
     *
     * @throws IdentifierTakenException when any identifier already belongs to a customer of the org
     */
    Customer registerCustomer(String orgId, List<Identifier> identifiers, long now);

    /** The org's customers, newest first by creation (then id), each with all its identifiers. */
    Page<Customer> customers(String orgId, int limit, Cursor after);

    /**
     * Erases the customer holding {@code identifier} (GDPR) in one transaction: its stored events, their
     * requests, kept bodies, outbox entries and unique keys, its deliveries and their attempts, every loyalty
     * row, its identifiers and the customer; see {@link CustomerErasure}. Empty when no customer of the org
     * holds the identifier.
     */
    Optional<Erasure> eraseCustomer(String orgId, Identifier identifier);

    /**
     * Event retention: deletes, org by org in short transactions of {@link EventRetention#CHUNK} events,
     * every stored event whose event time and receipt are both before {@code cutoff}, with its request,
     * kept body, outbox entry and unique key. Returns how many events went.
     */
    int purgeEventsBefore(long cutoff);

    @Override
    void close();
}
