package dev.tidings.store;

import java.util.List;

/**
 * Keys the intake must remember across requests and nodes (DESIGN §8): {@code Idempotency-Key}s with
 * the answer they got, and Segment {@code messageId}s already appended. A key is claimed before the
 * work, completed with its answer after, or released when the work stored nothing (a 503), so a
 * retry can run again. Implementations: SQLite (embedded) and PostgreSQL (shared by every intake node);
 * blocking, called on worker threads.
 */
public interface IntakeKeys {

    enum State { CLAIMED, IN_FLIGHT, DONE }

    /**
     * What a claim found. {@code CLAIMED}: the caller owns the key now. {@code IN_FLIGHT}: another
     * request holds it. {@code DONE}: answered before, with {@code status} and {@code answer}.
     * {@code fingerprint} is the holder's (for {@code CLAIMED}, the caller's own).
     */
    record Claim(State state, String fingerprint, int status, byte[] answer) {}

    /**
     * Claims every key of {@code scope} in one transaction, in order. A key claimed before
     * {@code expiredBefore}, or still in flight since before {@code staleBefore} (its request died with
     * its node), is claimed afresh.
     */
    List<Claim> claim(String scope, List<String> keys, String fingerprint, long now, long expiredBefore, long staleBefore);

    /** Remembers the answer of claimed keys until they expire. */
    void complete(String scope, List<String> keys, int status, byte[] answer);

    /** Forgets claimed keys that are not answered yet: their work stored nothing. */
    void release(String scope, List<String> keys);

    /** Deletes keys claimed before {@code expiredBefore}; returns how many. */
    int purge(long expiredBefore);
}
