package dev.tidings.cluster;

import dev.tidings.destinations.JdbcDestinationStore;

/**
 * Destinations, deliveries and attempts in the cluster's PostgreSQL store. Every call borrows a pooled
 * connection. Several workers claim from the same table: the claim's inner SELECT takes its rows
 * {@code FOR UPDATE SKIP LOCKED}, so two workers never lease the same delivery at once, and a worker
 * killed mid-delivery leaves a lease that runs out, after which another worker sends it again.
 */
public final class PostgresDestinationStore extends JdbcDestinationStore {
    private final PostgresDatabase database;

    public PostgresDestinationStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    protected <T> T read(String what, Work<T> work) {
        return PostgresWork.run(database, what, work::run);
    }

    @Override
    protected <T> T inTransaction(String what, Work<T> work) {
        return PostgresWork.inTransaction(database, what, work::run);
    }

    @Override
    protected String positionUpsert() {
        return "INSERT INTO outbox_positions (consumer, seq) VALUES (?, ?)"
                + " ON CONFLICT (consumer) DO UPDATE SET seq = GREATEST(outbox_positions.seq, excluded.seq)";
    }

    @Override
    protected String claimLocking() {
        return " FOR UPDATE OF d SKIP LOCKED";
    }
}
