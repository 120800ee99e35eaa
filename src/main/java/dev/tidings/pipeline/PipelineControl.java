package dev.tidings.pipeline;

import java.util.List;

/** What operators see and steer of the pipeline: pause, resume, and per-partition position and lag. */
public interface PipelineControl {

    /** One partition: the next position to process, the log's end, and the entries between them. */
    record PartitionLag(int partition, long position, long end, long lag) {}

    void pause();

    void resume();

    boolean paused();

    List<PartitionLag> partitions();
}
