package dev.tidings.intake;

/**
 * Back-pressure from the pipeline to the intake: once the log holds more entries not yet processed
 * than {@code --max-pipeline-lag}, new events are refused with 503 and {@code Retry-After} instead of
 * letting the backlog, the log file and every later read's wait grow without bound.
 *
 * <p>The lag is measured off the hot path (a timer calls {@link #observe}); a request only reads a
 * volatile. Between two observations a few more events than the limit may get in: the limit bounds
 * the backlog, it is not an exact quota.
 */
public final class PipelineLagGate {
    private final long maxLag;
    private volatile long lastLag;

    public PipelineLagGate(long maxLag) {
        this.maxLag = maxLag;
    }

    /** Records the lag just measured, over all partitions. */
    public void observe(long lag) {
        lastLag = lag;
    }

    /** True while the last measured lag is beyond the limit: refuse new events. */
    public boolean behind() {
        return lastLag > maxLag;
    }

    public long lastLag() {
        return lastLag;
    }

    public long maxLag() {
        return maxLag;
    }
}
