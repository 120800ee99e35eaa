package dev.tidings.embedded;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Loyalty in the embedded store ({@code tidings.db}). Two connections: one for the engine's
 * transactions (its thread only), one, serialized, for the admin API. Writes take SQLite's write lock
 * up front ({@code BEGIN IMMEDIATE}) and wait on the busy timeout while the pipeline commits, so a
 * transaction never fails half-way for having read first. One process owns the file, so {@code claim}
 * always succeeds; the unique keys still refuse a second award for a (rule, request).
 */
public final class SqliteLoyaltyStore implements LoyaltyStore, AutoCloseable {
    private final Connection api;
    private final Connection engine;

    public SqliteLoyaltyStore(SqliteDatabase database) {
        this.api = database.connect();
        this.engine = database.connect();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        synchronized (api) {
            try {
                return work.run(api);
            } catch (SQLException e) {
                throw SqliteErrors.translate("cannot " + what, e);
            }
        }
    }

    private <T> T write(String what, Work<T> work) {
        synchronized (api) {
            try {
                begin(api);
                try {
                    T result = work.run(api);
                    exec(api, "COMMIT");
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(api);
                    throw e;
                }
            } catch (SQLException e) {
                throw SqliteErrors.translate("cannot " + what, e);
            }
        }
    }

    private static void begin(Connection c) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            exec(c, "ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back: nothing of it was committed.
        }
    }

    @Override
    public void insert(Earning earning) {
        write("store rule " + earning.id(), c -> {
            LoyaltyTables.insertEarning(c, earning);
            return null;
        });
    }

    @Override
    public boolean update(Earning earning, int previousVersion) {
        return write("store rule " + earning.id(), c -> LoyaltyTables.updateEarning(c, earning, previousVersion));
    }

    @Override
    public Optional<Earning> earning(String orgId, String id) {
        return read("read rule " + id, c -> LoyaltyTables.earning(c, orgId, id));
    }

    @Override
    public List<Earning> earnings(String orgId, boolean milestones) {
        return read("read the rules of " + orgId, c -> LoyaltyTables.earnings(c, orgId, milestones));
    }

    @Override
    public List<Earning> active() {
        return read("read the active rules", LoyaltyTables::active);
    }

    @Override
    public EngineWork begin() {
        try {
            begin(engine);
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot begin a loyalty transaction", e);
        }
        return new Engine();
    }

    /** The engine's transaction on its own connection. */
    private final class Engine extends JdbcEngineWork {
        private boolean open = true;

        Engine() {
            super(engine);
        }

        @Override
        protected RuntimeException failure(String what, SQLException e) {
            return SqliteErrors.translate(what, e);
        }

        @Override
        public boolean claim(String consumer) {
            return true;
        }

        @Override
        public void commit(String consumer, long position) {
            run("commit the loyalty batch", c -> {
                LoyaltyTables.commitPosition(c, consumer, position);
                exec(c, "COMMIT");
                return null;
            });
            open = false;
        }

        @Override
        public void rollback() {
            if (open) {
                rollbackQuietly(engine);
                open = false;
            }
        }

        @Override
        public void close() {
            rollback();
        }
    }

    @Override
    public Totals totals(String orgId, String customerId, long now) {
        return read("read a balance", c -> LoyaltyTables.totals(c, orgId, customerId, now));
    }

    @Override
    public List<LedgerEntry> ledger(String orgId, String customerId, Long beforeSeq, int limit) {
        return read("read a ledger", c -> LoyaltyTables.ledger(c, orgId, customerId, beforeSeq, limit));
    }

    @Override
    public List<Award> awards(String orgId, String requestId) {
        return read("read the awards of " + requestId, c -> LoyaltyTables.awards(c, orgId, requestId));
    }

    @Override
    public Optional<Evaluation> evaluation(String orgId, String requestId) {
        return read("read the evaluation of " + requestId, c -> LoyaltyTables.evaluation(c, orgId, requestId));
    }

    @Override
    public Usage usage(String ruleId, String customerId, Window.Span span) {
        return read("read the usage of rule " + ruleId, c -> LoyaltyTables.usage(c, ruleId, customerId, span));
    }

    @Override
    public Optional<Progress> progress(String milestoneId, String customerId, long windowStart) {
        return read("read milestone progress", c -> LoyaltyTables.progress(c, milestoneId, customerId, windowStart));
    }

    @Override
    public long outboxHead() {
        return read("read the outbox head", LoyaltyTables::outboxHead);
    }

    @Override
    public int reverse(String orgId, String requestId, String note, String actor, long now) {
        return write("reverse " + requestId, c -> LoyaltyTables.reverse(c, orgId, requestId, note, actor, now));
    }

    @Override
    public LedgerEntry adjust(String orgId, String customerId, long points, String note, String actor, long now) {
        return write("adjust a balance", c -> LoyaltyTables.adjust(c, orgId, customerId, points, note, actor, now));
    }

    @Override
    public int expire(long now, int max) {
        return write("expire points", c -> LoyaltyTables.expire(c, now, max));
    }

    @Override
    public void close() {
        synchronized (api) {
            closeQuietly(api);
        }
        closeQuietly(engine);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Shutting down.
        }
    }
}
