package dev.tidings.loyalty.sql;

import dev.tidings.loyalty.Award;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.loyalty.LedgerEntry;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.loyalty.Progress;
import dev.tidings.loyalty.Usage;
import dev.tidings.loyalty.Window;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The engine's transaction over one connection, shared by the SQLite and PostgreSQL stores: they add
 * how a transaction is claimed, committed and rolled back, and how driver errors are translated.
 */
public abstract class JdbcEngineWork implements LoyaltyStore.EngineWork {
    protected interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    protected final Connection connection;

    protected JdbcEngineWork(Connection connection) {
        this.connection = connection;
    }

    /** The store's failure for a driver error (retryable or permanent). */
    protected abstract RuntimeException failure(String what, SQLException e);

    protected final <T> T run(String what, Sql<T> sql) {
        try {
            return sql.run(connection);
        } catch (SQLException e) {
            throw failure("cannot " + what, e);
        }
    }

    @Override
    public long position(String consumer) {
        return run("read the position of " + consumer, c -> LoyaltyTables.position(c, consumer));
    }

    @Override
    public Usage usage(String ruleId, String customerId, Window.Span span) {
        return run("read the usage of rule " + ruleId, c -> LoyaltyTables.usage(c, ruleId, customerId, span));
    }

    @Override
    public boolean insertAward(Award award) {
        return run("store an award", c -> LoyaltyTables.insertAward(c, award));
    }

    @Override
    public void insertEntry(LedgerEntry entry) {
        run("store a ledger entry", c -> {
            LoyaltyTables.insertEntry(c, entry);
            return null;
        });
    }

    @Override
    public Optional<Progress> progress(String milestoneId, String customerId, long windowStart) {
        return run("read milestone progress", c -> LoyaltyTables.progress(c, milestoneId, customerId, windowStart));
    }

    @Override
    public boolean countOnce(String milestoneId, String requestId) {
        return run("count towards a milestone", c -> LoyaltyTables.countOnce(c, milestoneId, requestId));
    }

    @Override
    public void saveProgress(Progress progress) {
        run("store milestone progress", c -> {
            LoyaltyTables.saveProgress(c, progress);
            return null;
        });
    }

    @Override
    public void saveEvaluation(Evaluation evaluation) {
        run("store an evaluation", c -> {
            LoyaltyTables.saveEvaluation(c, evaluation);
            return null;
        });
    }
}
