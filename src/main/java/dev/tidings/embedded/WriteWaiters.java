package dev.tidings.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * Fair turns at one database's write lock. SQLite's busy handling is polling, not a queue: a writer
 * that commits back to back (the pipeline draining a backlog) takes the lock again microseconds after
 * each commit, before any waiter's next poll, so an admin write, a pause or the loyalty engine waited
 * out its whole timeout and failed with SQLITE_BUSY (seen draining a 50,000-event backlog, the event
 * loop blocked 10 s on a pause). So every connection waits through this busy handler, which notes that
 * a writer is waiting, and the pipeline steps aside between its batches while one has been waiting
 * recently, long enough for that waiter's next poll to get the lock.
 *
 * <p>Threads: any; the handler runs on the thread blocked in SQLite.
 */
final class WriteWaiters {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A wait noted this recently still counts: the waiter may be between two of its polls. */
    private static final long RECENT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Several of a waiter's polls: it takes the lock within this pause. */
    private static final long STEP_ASIDE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Starts long enough ago that no wait counts as recent before one happens. */
    private volatile long lastWaitNanos = System.nanoTime() - 2 * RECENT_NANOS;

    /**
     * Waits at most {@code timeoutMillis} for the lock, polling every millisecond; a connection that
     * {@code announces} makes the pipeline step aside for it.
     */
    void install(Connection connection, int timeoutMillis, boolean announces) throws SQLException {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        BusyHandler.setHandler(connection, new BusyHandler() {
            private long since;

            @Override
            protected int callback(int previousCalls) {
                long now = System.nanoTime();
                if (previousCalls == 0) {
                    since = now;
                }
                if (now - since >= timeoutNanos) {
                    return 0;
                }
                if (announces) {
                    lastWaitNanos = now;
                }
                LockSupport.parkNanos(POLL_NANOS);
                return 1;
            }
        });
    }

    /** Called by the back-to-back writer before it takes the lock again. */
    void stepAsideForWaiters() {
        if (System.nanoTime() - lastWaitNanos < RECENT_NANOS) {
            LockSupport.parkNanos(STEP_ASIDE_NANOS);
        }
    }
}
