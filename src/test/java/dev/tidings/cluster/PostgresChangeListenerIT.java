package dev.tidings.cluster;

import static dev.tidings.store.StoreSamples.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.registry.RegistryStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY against a real server: a change made through another connection wakes the listener. */
class PostgresChangeListenerIT {
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private PostgresTestStores stores;
    private RegistryStore registry;
    private final AtomicInteger calls = new AtomicInteger();
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();
    private volatile long seen;

    @BeforeEach
    void open() {
        stores = new PostgresTestStores("listener");
        registry = stores.registry();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** What a node's registry does on a wake-up: read the change feed after the last change it saw. */
    private void catchUp() {
        for (RegistryStore.Change change : registry.changesAfter(seen)) {
            caughtUp.add(change.entityId());
            seen = change.seq();
        }
        calls.incrementAndGet();
    }

    @Test
    void aChangeCommittedByAnotherConnectionReachesTheListener() {
        try (PostgresChangeListener listener = new PostgresChangeListener(stores.database(), this::catchUp)) {
            await().atMost(PROMPTLY).until(() -> calls.get() >= 1);

            registry.insertOrg(org("acme"), "hash-1");

            await().atMost(PROMPTLY).until(() -> caughtUp.contains("acme"));
        }
    }

    @Test
    void theListenerIsCalledOnceOnConnectSoChangesMadeBeforeItStartedAreCaughtUp() {
        registry.insertOrg(org("early"), "hash-1");

        try (PostgresChangeListener listener = new PostgresChangeListener(stores.database(), this::catchUp)) {
            await().atMost(PROMPTLY).until(() -> caughtUp.contains("early"));
        }
    }

    @Test
    void afterItsConnectionIsKilledTheListenerReconnectsAndMissesNothing() throws SQLException {
        try (PostgresChangeListener listener = new PostgresChangeListener(stores.database(), this::catchUp)) {
            await().atMost(PROMPTLY).until(() -> calls.get() >= 1);
            int before = calls.get();

            assertThat(terminateListenerBackends()).isEqualTo(1);
            // Written while the listener is down or reconnecting: its notification may be lost, the
            // catch-up after the reconnect is not.
            registry.insertOrg(org("during"), "hash-1");

            await().atMost(PROMPTLY).until(() -> calls.get() > before && caughtUp.contains("during"));
            await().atMost(PROMPTLY).until(() -> listenerBackends() == 1);
            registry.insertOrg(org("after"), "hash-2");
            await().atMost(PROMPTLY).until(() -> caughtUp.containsAll(List.of("during", "after")));
        }
    }

    @Test
    void aFailingCatchUpDoesNotStopTheListener() {
        AtomicInteger attempts = new AtomicInteger();
        Runnable flaky = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("store briefly unavailable");
            }
            catchUp();
        };
        try (PostgresChangeListener listener = new PostgresChangeListener(stores.database(), flaky)) {
            await().atMost(PROMPTLY).until(() -> attempts.get() >= 1);

            registry.insertOrg(org("acme"), "hash-1");

            await().atMost(PROMPTLY).until(() -> caughtUp.contains("acme"));
        }
    }

    private int terminateListenerBackends() throws SQLException {
        return adminQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = ? AND datname = ?) t");
    }

    private int listenerBackends() throws SQLException {
        return adminQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND datname = ?");
    }

    private int adminQuery(String sql) throws SQLException {
        PostgresUrl admin = PostgresServer.get().adminUrl();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, PostgresChangeListener.APPLICATION_NAME);
            ps.setString(2, stores.database().url().database());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
