package dev.tidings.cluster;

import dev.tidings.log.LogHeads;
import dev.tidings.log.PendingRequests;
import dev.tidings.store.PipelineStore;
import java.util.Map;

/**
 * The cluster's side of read-your-writes: a Kafka topic cannot be searched by request id, so a request
 * the store does not have is {@link Pending} while any partition's committed position (in PostgreSQL)
 * is behind the topic's end, and {@link Unknown} once every partition is caught up (DESIGN §3: then an
 * acknowledged request would be in the store). Costs one metadata call to the broker and one query.
 */
final class KafkaPendingRequests implements PendingRequests {
    private final LogHeads heads;
    private final PipelineStore positions;

    KafkaPendingRequests(LogHeads heads, PipelineStore positions) {
        this.heads = heads;
        this.positions = positions;
    }

    @Override
    public Lookup find(String orgId, String requestId) {
        Map<Integer, Long> ends = heads.endPositions();
        Map<Integer, Long> done = positions.positions(heads.logId(), ends.keySet());
        long lag = 0;
        for (Map.Entry<Integer, Long> e : ends.entrySet()) {
            lag += Math.max(0, e.getValue() - Math.max(done.getOrDefault(e.getKey(), 0L), heads.firstPosition()));
        }
        return lag > 0 ? new Pending(lag) : new Unknown();
    }
}
