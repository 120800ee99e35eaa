package dev.tidings.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for black-box tests of time windows: it runs at the system clock's pace from a chosen start
 * ({@link #set}) and can be moved forward ({@link #advance}), so a test can place "now" in a month, a
 * week or a year later without waiting, while everything that needs time to pass still sees it pass.
 */
public final class MovableClock extends Clock {
    private final AtomicLong offset = new AtomicLong();

    public MovableClock(Instant start) {
        set(start);
    }

    /** Now is {@code at} (and moves on from there). */
    public void set(Instant at) {
        offset.set(at.toEpochMilli() - System.currentTimeMillis());
    }

    public void advance(Duration by) {
        offset.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offset.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Tidings reads the clock in UTC");
    }
}
