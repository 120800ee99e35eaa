package dev.tidings.intake;

import dev.tidings.store.IntakeKeys;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;

/**
 * Segment {@code messageId} de-duplication (DESIGN §8) over the shared {@link IntakeKeys}: a message's id
 * is claimed before its event is appended, completed once the append committed, released when it was
 * rejected or not stored (so the SDK's retry is taken). A repeat within the window is answered success
 * and not appended again. Blocking: called on worker threads.
 */
final class SegmentKeys {
    /** A claim whose request died with its node is free again after this. */
    private static final long STALE_MS = 60_000;

    private final IntakeKeys keys;
    private final long windowMs;
    private final Clock clock;

    SegmentKeys(Vertx vertx, IntakeKeys keys, Duration window, Clock clock) {
        this.keys = keys;
        this.windowMs = window.toMillis();
        this.clock = clock;
    }

    static String scope(String webhookId) {
        return "segment:" + webhookId;
    }

    /** For each id (null: none sent), whether this request owns it now; false means a repeat. */
    List<Boolean> claim(String webhookId, List<String> messageIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(messageIds));
        distinct.remove(null);
        long now = clock.millis();
        List<IntakeKeys.Claim> claims = distinct.isEmpty() ? List.of()
                : keys.claim(scope(webhookId), distinct, "", now, now - windowMs, now - STALE_MS);
        Map<String, Boolean> free = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            free.put(distinct.get(i), claims.get(i).state() == IntakeKeys.State.CLAIMED);
        }
        List<Boolean> owned = new ArrayList<>(messageIds.size());
        for (String id : messageIds) {
            // A batch that repeats an id inside itself keeps the first copy only.
            owned.add(id == null || Boolean.TRUE.equals(free.put(id, false)));
        }
        return owned;
    }

    void complete(String webhookId, List<String> messageIds) {
        if (!messageIds.isEmpty()) {
            keys.complete(scope(webhookId), messageIds, 200, new byte[0]);
        }
    }

    void release(String webhookId, List<String> messageIds) {
        if (!messageIds.isEmpty()) {
            keys.release(scope(webhookId), messageIds);
        }
    }
}
