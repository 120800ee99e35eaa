package dev.tidings.pipeline;

import dev.tidings.log.LogHeads;
import dev.tidings.registry.RegistryStore;
import dev.tidings.store.PipelineStore;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as operators steer it from any node: pause and resume are a setting in the shared
 * store that every worker applies ({@link #apply}, on a timer), and position and lag come from the
 * store's committed positions and the log's ends, so an intake node without a pipeline answers too.
 * The local worker, when this node has one, is paused at once rather than at its next check.
 */
public final class SharedPipelineControl implements PipelineControl {
    static final String PAUSED = "pipeline_paused";

    private final RegistryStore settings;
    private final PipelineStore positions;
    private final LogHeads heads;
    private final PipelineWorker local;

    /** {@code local} is this node's worker, or null on an intake node. */
    public SharedPipelineControl(RegistryStore settings, PipelineStore positions, LogHeads heads, PipelineWorker local) {
        this.settings = settings;
        this.positions = positions;
        this.heads = heads;
        this.local = local;
    }

    @Override
    public void pause() {
        settings.putSetting(PAUSED, "true");
        if (local != null) {
            local.pause();
        }
    }

    @Override
    public void resume() {
        settings.putSetting(PAUSED, "false");
        if (local != null) {
            local.resume();
        }
    }

    @Override
    public boolean paused() {
        return settings.setting(PAUSED).map(Boolean::parseBoolean).orElse(false);
    }

    /** Brings the local worker in line with the shared setting; blocking, for a timer on a worker thread. */
    public void apply() {
        if (local == null) {
            return;
        }
        boolean paused = paused();
        if (paused && !local.paused()) {
            local.pause();
        } else if (!paused && local.paused()) {
            local.resume();
        }
    }

    @Override
    public List<PartitionLag> partitions() {
        Map<Integer, Long> ends = heads.endPositions();
        return PartitionLag.of(ends, positions.positions(heads.logId(), ends.keySet()), heads.firstPosition());
    }
}
