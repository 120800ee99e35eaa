package dev.tidings.cluster;

import dev.tidings.loyalty.Award;
import dev.tidings.loyalty.Earning;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.loyalty.LedgerEntry;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.loyalty.Progress;
import dev.tidings.loyalty.Totals;
import dev.tidings.loyalty.Usage;
import dev.tidings.loyalty.Window;
import dev.tidings.loyalty.sql.JdbcEngineWork;
import dev.tidings.loyalty.sql.LoyaltyTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Loyalty in the cluster's PostgreSQL store. Every worker may run the engine; {@link EngineWork#claim}
 * takes a transaction-scoped advisory lock named after the consumer, so one worker at a time moves the
 * engine's position and the others find it taken and wait. The lock is what keeps workers from
 * fighting; the unique keys of awards and entries are what make a double award impossible even if
 * the lock were lost (a connection cut mid-transaction rolls back, and its lock goes with it).
 *
 * <p>Threads: any; every call borrows a pooled connection, the engine's for the length of its transaction.
 */
public final class PostgresLoyaltyStore implements LoyaltyStore {
    private final PostgresDatabase database;

    public PostgresLoyaltyStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(Earning earning) {
        PostgresWork.inTransaction(database, "store rule " + earning.id(), c -> {
            LoyaltyTables.insertEarning(c, earning);
            return null;
        });
    }

    @Override
    public boolean update(Earning earning, int previousVersion) {
        return PostgresWork.inTransaction(database, "store rule " + earning.id(),
                c -> LoyaltyTables.updateEarning(c, earning, previousVersion));
    }

    @Override
    public Optional<Earning> earning(String orgId, String id) {
        return PostgresWork.run(database, "read rule " + id, c -> LoyaltyTables.earning(c, orgId, id));
    }

    @Override
    public List<Earning> earnings(String orgId, boolean milestones) {
        return PostgresWork.run(database, "read the rules of " + orgId, c -> LoyaltyTables.earnings(c, orgId, milestones));
    }

    @Override
    public List<Earning> active() {
        return PostgresWork.run(database, "read the active rules", LoyaltyTables::active);
    }

    @Override
    public EngineWork begin() {
        try {
            Connection c = database.connection();
            c.setAutoCommit(false);
            return new Engine(c);
        } catch (SQLException e) {
            throw PostgresErrors.storeFailure("cannot begin a loyalty transaction", e);
        }
    }

    private static final class Engine extends JdbcEngineWork {
        private boolean open = true;

        Engine(Connection c) {
            super(c);
        }

        @Override
        protected RuntimeException failure(String what, SQLException e) {
            return PostgresErrors.storeFailure(what, e);
        }

        @Override
        public boolean claim(String consumer) {
            return run("lock the position of " + consumer, conn -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
                    ps.setString(1, "tidings.outbox." + consumer);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            });
        }

        @Override
        public void commit(String consumer, long position) {
            run("commit the loyalty batch", conn -> {
                LoyaltyTables.commitPosition(conn, consumer, position);
                conn.commit();
                return null;
            });
            open = false;
            release();
        }

        @Override
        public void rollback() {
            if (open) {
                PostgresWork.rollbackQuietly(connection);
                open = false;
            }
            release();
        }

        @Override
        public void close() {
            rollback();
        }

        private void release() {
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException ignored) {
                // A broken connection: the pool discards it; its transaction was rolled back by the server.
            }
        }
    }

    @Override
    public Totals totals(String orgId, String customerId, long now) {
        return PostgresWork.run(database, "read a balance", c -> LoyaltyTables.totals(c, orgId, customerId, now));
    }

    @Override
    public List<LedgerEntry> ledger(String orgId, String customerId, Long beforeSeq, int limit) {
        return PostgresWork.run(database, "read a ledger", c -> LoyaltyTables.ledger(c, orgId, customerId, beforeSeq, limit));
    }

    @Override
    public List<Award> awards(String orgId, String requestId) {
        return PostgresWork.run(database, "read the awards of " + requestId, c -> LoyaltyTables.awards(c, orgId, requestId));
    }

    @Override
    public Optional<Evaluation> evaluation(String orgId, String requestId) {
        return PostgresWork.run(database, "read the evaluation of " + requestId,
                c -> LoyaltyTables.evaluation(c, orgId, requestId));
    }

    @Override
    public Usage usage(String ruleId, String customerId, Window.Span span) {
        return PostgresWork.run(database, "read the usage of rule " + ruleId,
                c -> LoyaltyTables.usage(c, ruleId, customerId, span));
    }

    @Override
    public Optional<Progress> progress(String milestoneId, String customerId, long windowStart) {
        return PostgresWork.run(database, "read milestone progress",
                c -> LoyaltyTables.progress(c, milestoneId, customerId, windowStart));
    }

    @Override
    public long outboxHead() {
        return PostgresWork.run(database, "read the outbox head", LoyaltyTables::outboxHead);
    }

    @Override
    public int reverse(String orgId, String requestId, String note, String actor, long now) {
        return PostgresWork.inTransaction(database, "reverse " + requestId, c -> {
            lockLots(c);
            return LoyaltyTables.reverse(c, orgId, requestId, note, actor, now);
        });
    }

    @Override
    public LedgerEntry adjust(String orgId, String customerId, long points, String note, String actor, long now) {
        return PostgresWork.inTransaction(database, "adjust a balance", c -> {
            lockLots(c);
            return LoyaltyTables.adjust(c, orgId, customerId, points, note, actor, now);
        });
    }

    @Override
    public int expire(long now, int max) {
        return PostgresWork.inTransaction(database, "expire points", c -> {
            lockLots(c);
            return LoyaltyTables.expire(c, now, max);
        });
    }

    /**
     * Reversals, spends and expiry read lots and then write them: two nodes doing them at once wait
     * for each other on this lock (as SQLite's single writer does) instead of both taking the same
     * points. They are rare next to earning, which only inserts and does not take it.
     */
    private static void lockLots(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "tidings.loyalty.lots");
            ps.executeQuery().close();
        }
    }
}
