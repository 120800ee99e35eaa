package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.destinations.DestinationSettings.Ordering;
import dev.tidings.destinations.DestinationSettings.Type;
import dev.tidings.store.TestStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DestinationStore} must do, run against SQLite and PostgreSQL. */
public abstract class DestinationStoreContract {
    private static final long NOW = 1_700_000_000_000L;
    private TestStores stores;
    private DestinationStore store;

    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        store = stores.destinations();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private static Destination destination(String id, String org) {
        DestinationSettings s = new DestinationSettings("crm", Type.WEBHOOK, "https://crm.example.com/h", null, null,
                List.of("be_reserved"), "event.age > 1.0", Map.of("X-Key", "v"), Duration.ofMillis(1500),
                List.of(Duration.ofMillis(50), Duration.ofHours(2)), Ordering.PER_CUSTOMER, 7);
        return new Destination(id, org, s, Destination.Status.ENABLED, null, "sealed-1", null, 0, 0, NOW, NOW);
    }

    private static NewDelivery delivery(String id, String destination, String request, long seq, String customer) {
        return new NewDelivery(id, destination, "org", request, seq, customer, NOW, "{\"n\":" + seq + "}");
    }

    private static final AttemptOutcome DELIVERED = new AttemptOutcome(DeliveryStatus.DELIVERED, 0, true, null);

    private void record(Delivery d, Attempt a, AttemptOutcome outcome, long now) {
        store.record(List.of(new DestinationStore.Recorded(d, a, outcome)), now);
    }

    @Test
    void severalAttemptsAreRecordedInOneCall() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1"), delivery("x2", "d1", "r2", 2, "c2")), 2, NOW);
        List<Delivery> c = store.claim("d1", NOW, 2, false, "w", NOW + 1000);
        store.record(List.of(new DestinationStore.Recorded(c.get(0), new Attempt("x1", 0, NOW, 200, null, 1, null), DELIVERED),
                new DestinationStore.Recorded(c.get(1), new Attempt("x2", 0, NOW, 200, null, 1, null), DELIVERED)), NOW);
        assertThat(store.deliveries(new DeliveryQuery("d1", DeliveryStatus.DELIVERED, null, null, null, 5, null, null)))
                .hasSize(2);
    }

    @Test
    void aDestinationReadsBackAsSavedAndUpdatesReplaceIt() {
        Destination d = destination("d1", "org");
        store.create(d);
        store.create(destination("d2", "other"));
        assertThat(store.get("org", "d1")).contains(d);
        assertThat(store.get("other", "d1")).isEmpty();
        assertThat(store.list("org")).containsExactly(d);
        assertThat(store.all()).hasSize(2);
        Destination disabled = d.withStatus(Destination.Status.DISABLED, "why", NOW + 1).withSecret("sealed-2", NOW + 99, NOW + 1);
        assertThat(store.update(disabled)).isTrue();
        assertThat(store.get("org", "d1")).contains(disabled);
        assertThat(store.update(destination("nope", "org"))).isFalse();
    }

    @Test
    void enqueueingSkipsRepeatsAndMovesTheOutboxPositionNeverBack() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 5, "c1")), 5, NOW);
        store.enqueue(List.of(delivery("x2", "d1", "r1", 5, "c1")), 7, NOW);
        store.enqueue(List.of(), 6, NOW);
        assertThat(stores.outbox().position(DestinationStore.CONSUMER)).isEqualTo(7);
        assertThat(store.forRequest("org", "r1")).extracting(Delivery::id).containsExactly("x1");
        assertThat(store.delivery("d1", "x1").orElseThrow().payload()).isEqualTo("{\"n\":5}");
        assertThat(store.backlog()).containsExactly(new DestinationStore.Backlog("d1", 1, NOW));
    }

    @Test
    void aClaimLeasesDueDeliveriesOnceUntilTheLeaseRunsOut() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1"), delivery("x2", "d1", "r2", 2, "c2"),
                delivery("x3", "d1", "r3", 3, "c3")), 3, NOW);
        assertThat(store.claim("d1", NOW, 2, false, "a", NOW + 1000)).extracting(Delivery::id).containsExactly("x1", "x2");
        assertThat(store.claim("d1", NOW, 5, false, "b", NOW + 1000)).extracting(Delivery::id).containsExactly("x3");
        assertThat(store.claim("d1", NOW + 500, 5, false, "b", NOW + 1500)).isEmpty();
        // Owner "a" was killed: its leases run out and someone sends them again.
        assertThat(store.claim("d1", NOW + 1001, 5, false, "b", NOW + 5000)).extracting(Delivery::id)
                .containsExactly("x1", "x2", "x3");
        assertThat(store.claim("other", NOW + 9999, 5, false, "b", NOW + 99999)).isEmpty();
    }

    @Test
    void perCustomerOnlyEachCustomersOldestPendingDeliveryIsClaimed() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("a1", "d1", "r1", 1, "ca"), delivery("a2", "d1", "r2", 2, "ca"),
                delivery("b1", "d1", "r3", 3, "cb")), 3, NOW);
        List<Delivery> first = store.claim("d1", NOW, 10, true, "w", NOW + 1000);
        assertThat(first).extracting(Delivery::id).containsExactly("a1", "b1");
        AttemptOutcome retry = new AttemptOutcome(DeliveryStatus.PENDING, NOW + 60_000, false, null);
        record(first.get(0), new Attempt("a1", 0, NOW, 500, null, 3, "no"), retry, NOW);
        record(first.get(1), new Attempt("b1", 0, NOW, 200, null, 3, "ok"), DELIVERED, NOW);
        // a1 waits for its retry: a2 stays behind it.
        assertThat(store.claim("d1", NOW + 1, 10, true, "w", NOW + 1000)).isEmpty();
        assertThat(store.claim("d1", NOW + 60_000, 10, true, "w", NOW + 70_000)).extracting(Delivery::id).containsExactly("a1");
    }

    @Test
    void recordingNumbersAttemptsKeepsTheLastResponseAndTracksTheFailureStreak() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1")), 1, NOW);
        Delivery claimed = store.claim("d1", NOW, 1, false, "w", NOW + 1000).get(0);
        AttemptOutcome retry = new AttemptOutcome(DeliveryStatus.PENDING, NOW + 50, false, null);
        record(claimed, new Attempt("x1", 0, NOW, 0, "timed out", 1500, null), retry, NOW);
        assertThat(store.get("org", "d1").orElseThrow().failingSince()).isEqualTo(NOW);
        Delivery again = store.claim("d1", NOW + 50, 1, false, "w", NOW + 2000).get(0);
        assertThat(again.attemptsThisRound()).isEqualTo(1);
        AttemptOutcome failed = new AttemptOutcome(DeliveryStatus.FAILED, 0, false, "gone");
        record(again, new Attempt("x1", 0, NOW + 60, 410, null, 4, "bye"), failed, NOW + 70);

        Delivery d = store.delivery("d1", "x1").orElseThrow();
        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastStatus()).isEqualTo(410);
        assertThat(d.lastBody()).isEqualTo("bye");
        assertThat(d.lastAttemptAt()).isEqualTo(NOW + 60);
        assertThat(store.attempts("x1")).containsExactly(new Attempt("x1", 1, NOW, 0, "timed out", 1500, null),
                new Attempt("x1", 2, NOW + 60, 410, null, 4, "bye"));
        Destination dest = store.get("org", "d1").orElseThrow();
        assertThat(dest.status()).isEqualTo(Destination.Status.DISABLED);
        assertThat(dest.disabledReason()).isEqualTo("gone");
        assertThat(dest.failingSince()).isEqualTo(NOW);
        assertThat(store.backlog()).isEmpty();
    }

    @Test
    void aSuccessEndsTheFailureStreak() {
        store.create(destination("d1", "org").withStatus(Destination.Status.ENABLED, null, NOW));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1"), delivery("x2", "d1", "r2", 2, "c2")), 2, NOW);
        List<Delivery> c = store.claim("d1", NOW, 2, false, "w", NOW + 1000);
        record(c.get(0), new Attempt("x1", 0, NOW, 500, null, 1, null),
                new AttemptOutcome(DeliveryStatus.FAILED, 0, false, null), NOW);
        record(c.get(1), new Attempt("x2", 0, NOW, 200, null, 1, null), DELIVERED, NOW + 5);
        assertThat(store.get("org", "d1").orElseThrow().failingSince()).isZero();
    }

    @Test
    void replayMakesTheChosenDeliveriesPendingAndDueWithAFreshRound() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1"), delivery("x2", "d1", "r2", 2, "c2")), 2, NOW);
        for (Delivery d : store.claim("d1", NOW, 2, false, "w", NOW + 1000)) {
            record(d, new Attempt(d.id(), 0, NOW, 500, null, 1, null),
                    new AttemptOutcome(d.id().equals("x1") ? DeliveryStatus.FAILED : DeliveryStatus.DELIVERED, 0, false, null), NOW);
        }
        assertThat(store.replay("d1", new Replay(DeliveryStatus.FAILED, null, null, null), NOW + 10)).isEqualTo(1);
        Delivery replayed = store.delivery("d1", "x1").orElseThrow();
        assertThat(replayed.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(replayed.attempts()).isEqualTo(1);
        assertThat(replayed.attemptsThisRound()).isZero();
        assertThat(store.claim("d1", NOW + 10, 5, false, "w", NOW + 2000)).extracting(Delivery::id).containsExactly("x1");
        assertThat(store.replay("d1", new Replay(null, null, null, List.of("r2", "nope")), NOW)).isEqualTo(1);
        assertThat(store.replay("d1", new Replay(null, NOW, NOW + 1, null), NOW)).isEqualTo(2);
        assertThat(store.replay("d1", new Replay(null, NOW + 1, null, null), NOW)).isZero();
    }

    @Test
    void theDeliveriesListIsNewestFirstFilteredAndPagedByCursor() {
        store.create(destination("d1", "org"));
        store.enqueue(List.of(delivery("x1", "d1", "r1", 1, "c1")), 1, NOW);
        store.enqueue(List.of(delivery("x2", "d1", "r2", 2, "c1")), 2, NOW + 10);
        store.enqueue(List.of(delivery("x3", "d1", "r3", 3, "c1")), 3, NOW + 20);
        assertThat(store.deliveries(new DeliveryQuery("d1", null, null, null, null, 2, null, null)))
                .extracting(Delivery::id).containsExactly("x3", "x2");
        assertThat(store.deliveries(new DeliveryQuery("d1", null, null, null, null, 2, NOW + 10, "x2")))
                .extracting(Delivery::id).containsExactly("x1");
        assertThat(store.deliveries(new DeliveryQuery("d1", DeliveryStatus.PENDING, "r2", null, null, 5, null, null)))
                .extracting(Delivery::id).containsExactly("x2");
        assertThat(store.deliveries(new DeliveryQuery("d1", null, null, NOW + 10, NOW + 20, 5, null, null)))
                .extracting(Delivery::id).containsExactly("x2");
        assertThat(store.deliveries(new DeliveryQuery("d1", DeliveryStatus.FAILED, null, null, null, 5, null, null))).isEmpty();
    }
}
