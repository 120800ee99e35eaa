package dev.tidings.bench;

/**
 * When the open loop's i-th request is due: {@code start + i / rate}. Fixed intervals, not "as fast as
 * the answers allow", so a slow server shows up as latency measured from these intended times instead
 * of as fewer requests (the coordinated-omission trap). Pure arithmetic; immutable.
 */
record RateSchedule(long start, int rate) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    RateSchedule {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + rate);
        }
    }

    long intendedAt(long index) {
        return start + index * NANOS_PER_SECOND / rate;
    }

    /** How many requests are due by {@code now} (those with an intended time at or before it). */
    long dueBy(long now) {
        long elapsed = now - start;
        if (elapsed < 0) {
            return 0;
        }
        // Request i is due once i / rate <= elapsed, i.e. for i = 0 .. elapsed * rate / 1e9.
        return elapsed * rate / NANOS_PER_SECOND + 1;
    }
}
