package dev.tidings.cluster;

import dev.tidings.store.IntakeKeyRows;
import dev.tidings.store.IntakeKeys;
import java.util.List;

/**
 * Idempotency keys and Segment messageIds in PostgreSQL, shared by every intake node: the primary key
 * decides which of two nodes claims a key first, {@code FOR UPDATE} serializes the reclaim of an expired one.
 */
public final class PostgresIntakeKeys implements IntakeKeys {
    private final PostgresDatabase database;

    public PostgresIntakeKeys(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public List<Claim> claim(String scope, List<String> keys, String fingerprint, long now, long expiredBefore, long staleBefore) {
        return PostgresWork.inTransaction(database, "claim intake keys",
                c -> IntakeKeyRows.claim(c, scope, keys, fingerprint, now, expiredBefore, staleBefore, true));
    }

    @Override
    public void complete(String scope, List<String> keys, int status, byte[] answer) {
        PostgresWork.inTransaction(database, "complete intake keys", c -> {
            IntakeKeyRows.complete(c, scope, keys, status, answer);
            return null;
        });
    }

    @Override
    public void release(String scope, List<String> keys) {
        PostgresWork.inTransaction(database, "release intake keys", c -> {
            IntakeKeyRows.release(c, scope, keys);
            return null;
        });
    }

    @Override
    public int purge(long expiredBefore) {
        return PostgresWork.run(database, "purge intake keys", c -> IntakeKeyRows.purge(c, expiredBefore));
    }
}
