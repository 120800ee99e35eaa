package dev.tidings.loyalty;

import java.util.List;
import java.util.Optional;

/**
 * Where loyalty keeps its rules, milestones, awards, ledger, milestone progress and evaluations.
 * Implementations: SQLite (embedded), PostgreSQL (cluster); one contract suite holds them to the same
 * behaviour. Blocking; callers use their own threads.
 *
 * <p>The promise every implementation keeps: a request earns from a rule (or milestone) at most once,
 * enforced by a unique constraint, so no crash, replay or second worker can double an award.
 */
public interface LoyaltyStore extends Usages {

    // --- rules and milestones ---

    /** Stores a new rule or milestone. */
    void insert(Earning earning);

    /** Replaces the stored version {@code previousVersion}; false when it is no longer the stored one. */
    boolean update(Earning earning, int previousVersion);

    Optional<Earning> earning(String orgId, String id);

    /** The org's rules ({@code milestones} false) or milestones, oldest first. */
    List<Earning> earnings(String orgId, boolean milestones);

    /** Every org's ACTIVE rules and milestones: what the engine evaluates. */
    List<Earning> active();

    // --- the engine ---

    /** Opens one transaction of the engine: its reads, awards, entries and position commit together. */
    EngineWork begin();

    /** The engine's transaction. Not thread-safe: one thread uses it, then commits or rolls back. */
    interface EngineWork extends Usages, AutoCloseable {

        /**
         * Takes the right to move {@code consumer} in this transaction; false when another worker holds
         * it (the cluster: an advisory lock), and the caller then rolls back and tries later.
         */
        boolean claim(String consumer);

        /** The consumer's committed position, read inside the transaction after {@link #claim}. */
        long position(String consumer);

        /** Records the decision; false (and nothing written) when this (rule, request) already has one. */
        boolean insertAward(Award award);

        /** Appends to the ledger; a positive entry also becomes a lot that spending and expiry take from. */
        void insertEntry(LedgerEntry entry);

        /** Marks the request counted towards the milestone; false when it already was. */
        boolean countOnce(String milestoneId, String requestId);

        void saveProgress(Progress progress);

        /** Stores (or replaces, on a replay) the request's evaluation. */
        void saveEvaluation(Evaluation evaluation);

        /** Moves the consumer's position and commits everything of this transaction. */
        void commit(String consumer, long position);

        void rollback();

        /** Rolls back unless committed; releases the connection. */
        @Override
        void close();
    }

    // --- reads ---

    Totals totals(String orgId, String customerId, long now);

    /** The customer's entries newest first, those with {@code seq < beforeSeq} (null from the newest). */
    List<LedgerEntry> ledger(String orgId, String customerId, Long beforeSeq, int limit);

    List<Award> awards(String orgId, String requestId);

    Optional<Evaluation> evaluation(String orgId, String requestId);

    /** The highest outbox seq written so far, for the engine's lag. */
    long outboxHead();

    // --- writes outside the engine ---

    /**
     * Takes back every award of the request that has a ledger entry and is not reversed yet: a REVERSE
     * entry per award, for what of it has not expired. Returns how many were reversed (0 on a repeat).
     */
    int reverse(String orgId, String requestId, String note, String actor, long now);

    /**
     * Adds (positive) or spends (negative, from the oldest available points first) {@code points}; a
     * spend beyond the available balance is refused with {@link InsufficientPointsException}.
     */
    LedgerEntry adjust(String orgId, String customerId, long points, String note, String actor, long now);

    /** Expires up to {@code max} lots whose time has come, oldest first; returns how many. */
    int expire(long now, int max);
}
