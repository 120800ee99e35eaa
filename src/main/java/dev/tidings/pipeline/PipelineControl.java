package dev.tidings.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What operators see and steer of the pipeline: pause, resume, and per-partition position and lag. */
public interface PipelineControl {

    /** One partition: the next position to process, the log's end, and the entries between them. */
    record PartitionLag(int partition, long position, long end, long lag) {

        /** Every partition of {@code ends}, in order, against the positions done (absent: never committed). */
        static List<PartitionLag> of(Map<Integer, Long> ends, Map<Integer, Long> done, long firstPosition) {
            List<PartitionLag> lags = new ArrayList<>(ends.size());
            for (Map.Entry<Integer, Long> e : new TreeMap<>(ends).entrySet()) {
                long position = done.getOrDefault(e.getKey(), 0L);
                lags.add(new PartitionLag(e.getKey(), position, e.getValue(),
                        Math.max(0, e.getValue() - Math.max(position, firstPosition))));
            }
            return lags;
        }
    }

    void pause();

    void resume();

    boolean paused();

    List<PartitionLag> partitions();
}
