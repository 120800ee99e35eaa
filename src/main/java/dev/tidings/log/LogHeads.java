package dev.tidings.log;

import java.util.Map;

/** The end of each partition (the next position to be written), for lag; any node, any thread. */
public interface LogHeads {
    /** The log these positions belong to (the same id as its consumer's). */
    String logId();

    Map<Integer, Long> endPositions();

    /** Where a partition's positions start: a never-committed partition lags by end minus this. */
    default long firstPosition() {
        return 0;
    }
}
