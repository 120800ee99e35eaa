package dev.tidings.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this node's registry when any node changes it: {@code LISTEN tidings_registry} on a connection
 * of its own (not the pool's: it is held for the node's life), calling {@code onChange} once per wake-up
 * however many notifications arrived together. The notification only says "look": {@code onChange}
 * catches up by change sequence, so it is also called after every (re)connect, which repairs whatever
 * was committed while the connection was down. PostgreSQL going away is survived by reconnecting with
 * a growing pause.
 *
 * <p>Threads: one daemon thread, "tidings-registry-listener", owns the connection and calls
 * {@code onChange}; {@link #close} from any thread. It does not poll the change feed itself: the
 * registry's periodic catch-up does that, so a listener that cannot connect delays changes, never loses them.
 */
public final class PostgresChangeListener implements AutoCloseable {
    public static final String CHANNEL = "tidings_registry";
    /** The listener's application_name, so an operator (or a test) can find its backend. */
    public static final String APPLICATION_NAME = "tidings-registry-listener";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final int WAIT_MILLIS = 5_000;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final PostgresUrl url;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection; // owned by the thread; closed by close() to end a blocking wait

    public PostgresChangeListener(PostgresDatabase database, Runnable onChange) {
        this.url = database.url();
        this.onChange = onChange;
        this.thread = new Thread(this::run, "tidings-registry-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                if (!running) {
                    return;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                backoff = MIN_BACKOFF_MILLIS;
                changed();
                listen(c.unwrap(PGConnection.class), c);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Registry listener lost PostgreSQL ({}); reconnecting in {} ms", e.getMessage(), backoff);
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } finally {
                connection = null;
            }
        }
    }

    /**
     * Waits for notifications until the connection fails. A quiet wait ends with a validity check, so
     * a server that vanished without closing the socket is noticed within a few seconds.
     */
    private void listen(PGConnection pg, Connection c) throws SQLException {
        while (running) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                changed();
            } else if (!c.isValid(2)) {
                throw new SQLException("the listener's connection is no longer valid", "08006");
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("password", url.password());
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** A failing catch-up must not end the listener: the next notification or reconnect tries again. */
    private void changed() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("Registry catch-up after a change notification failed: {}", e.getMessage());
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops the thread and closes its connection; returns once the thread has ended. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing only to wake the blocked wait; the thread ends either way.
            }
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
