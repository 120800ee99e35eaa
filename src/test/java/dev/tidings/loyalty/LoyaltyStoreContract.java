package dev.tidings.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidings.store.StoreSamples;
import dev.tidings.store.TestStores;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LoyaltyStore} does; run against SQLite and PostgreSQL by a subclass each. */
public abstract class LoyaltyStoreContract {
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
    private static final long DAY = 86_400_000L;
    protected TestStores stores;
    protected LoyaltyStore store;

    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        store = stores.loyalty();
        stores.registry().insertOrg(StoreSamples.org("acme"), "hash-acme");
        stores.registry().insertOrg(StoreSamples.org("globex"), "hash-globex");
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private static Rule rule(String id, String org, int version) {
        return new Rule(id, org, "r", "stay", null, "10", Rounding.FLOOR, List.of(), null, null, null, null, null,
                RuleStatus.ACTIVE, version, AT, AT);
    }

    private static LedgerEntry earn(String id, String customer, long points, Long releaseAt, Long expiresAt, long at) {
        return new LedgerEntry(0, id, "acme", customer, EntryType.EARN, points, "rule-1", 1, "req-" + id, at, releaseAt,
                expiresAt, null, null, null);
    }

    private void commitEntries(LedgerEntry... entries) {
        try (LoyaltyStore.EngineWork w = store.begin()) {
            assertThat(w.claim(LoyaltyEngine.CONSUMER)).isTrue();
            for (LedgerEntry e : entries) {
                assertThat(w.insertAward(new Award(e.ruleId(), e.requestId(), "acme", e.customerId(), 1, e.at(),
                        e.points(), false, e.entryId()))).isTrue();
                w.insertEntry(e);
            }
            w.commit(LoyaltyEngine.CONSUMER, 1);
        }
    }

    @Test
    void aRuleAndRequestGetOneAwardHoweverOftenItIsTried() {
        Window.Span all = Window.LIFETIME.around(0, java.time.ZoneOffset.UTC);
        Award award = new Award("rule-1", "req-1", "acme", "cust-1", 1, AT.toEpochMilli(), 1000, false, "e1");
        try (LoyaltyStore.EngineWork w = store.begin()) {
            assertThat(w.insertAward(award)).isTrue();
            assertThat(w.insertAward(award)).isFalse();
            w.commit(LoyaltyEngine.CONSUMER, 7);
        }
        try (LoyaltyStore.EngineWork replay = store.begin()) {
            assertThat(replay.insertAward(new Award("rule-1", "req-1", "acme", "cust-1", 2, 0, 5, true, null))).isFalse();
            assertThat(replay.insertAward(new Award("rule-2", "req-1", "acme", "cust-1", 1, 0, 5, false, null))).isTrue();
            replay.commit(LoyaltyEngine.CONSUMER, 8);
        }

        assertThat(store.usage("rule-1", "cust-1", all)).isEqualTo(new Usage(1, 1000));
        assertThat(store.awards("acme", "req-1")).extracting(Award::ruleId).containsExactly("rule-1", "rule-2");
        assertThat(store.awards("globex", "req-1")).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNothingAndThePositionOnlyMovesForward() {
        try (LoyaltyStore.EngineWork w = store.begin()) {
            w.insertAward(new Award("rule-1", "req-1", "acme", "c", 1, 0, 100, false, "e1"));
            w.insertEntry(earn("e1", "c", 100, null, null, 0));
            w.rollback();
        }
        assertThat(store.awards("acme", "req-1")).isEmpty();
        assertThat(store.totals("acme", "c", 0).balance()).isZero();
        try (LoyaltyStore.EngineWork w = store.begin()) {
            w.commit(LoyaltyEngine.CONSUMER, 10);
        }
        try (LoyaltyStore.EngineWork w = store.begin()) {
            w.commit(LoyaltyEngine.CONSUMER, 4);
        }
        try (LoyaltyStore.EngineWork w = store.begin()) {
            assertThat(w.position(LoyaltyEngine.CONSUMER)).isEqualTo(10);
        }
    }

    @Test
    void totalsSeparatePendingFromAvailableAndReversalsHappenOnce() {
        long now = AT.toEpochMilli();
        commitEntries(earn("e1", "c", 10_000, null, now + 10 * DAY, now), earn("e2", "c", 5_000, now + DAY, null, now));

        assertThat(store.totals("acme", "c", now)).isEqualTo(new Totals(10_000, 5_000, 15_000, 0, 0, 10_000));
        assertThat(store.totals("acme", "c", now + 2 * DAY).balance()).isEqualTo(15_000);
        assertThat(store.reverse("acme", "req-e2", "cancelled", "root", now)).isEqualTo(1);
        assertThat(store.reverse("acme", "req-e2", "cancelled", "root", now)).isZero();
        assertThat(store.reverse("globex", "req-e1", "not theirs", "root", now)).isZero();
        Totals after = store.totals("acme", "c", now + 2 * DAY);
        assertThat(after.balance()).isEqualTo(10_000);
        assertThat(after.reversed()).isEqualTo(5_000);
        assertThat(store.ledger("acme", "c", null, 10)).extracting(LedgerEntry::type)
                .containsExactly(EntryType.REVERSE, EntryType.EARN, EntryType.EARN);
    }

    @Test
    void spendingTakesTheOldestPointsFirstAndExpiryTakesWhatIsLeft() {
        long now = AT.toEpochMilli();
        commitEntries(earn("old", "c", 10_000, null, now + 5 * DAY, now), earn("new", "c", 10_000, null, now + 9 * DAY, now + 1));

        assertThatThrownBy(() -> store.adjust("acme", "c", -30_000, "too much", "root", now))
                .isInstanceOf(InsufficientPointsException.class);
        LedgerEntry spend = store.adjust("acme", "c", -15_000, "redeemed", "org:acme", now);
        assertThat(spend.actor()).isEqualTo("org:acme");
        assertThat(store.expire(now + 6 * DAY, 10)).isZero();
        assertThat(store.expire(now + 10 * DAY, 10)).isEqualTo(1);
        Totals t = store.totals("acme", "c", now + 10 * DAY);
        assertThat(t.expired()).isEqualTo(5_000);
        assertThat(t.balance()).isZero();
        assertThat(store.expire(now + 20 * DAY, 10)).isZero();
    }

    @Test
    void rulesKeepTheirDocumentAndAnUpdateMustNameTheStoredVersion() {
        Rule r = new Rule("rule-1", "acme", "Stay", "stay", "event.nights > 1", "event.nights * 100", Rounding.NONE,
                List.of(new Cap(Cap.Metric.POINTS, 500_000, Window.MONTH)), AT, null, java.time.Duration.ofDays(365),
                "365d", "checkin", RuleStatus.ACTIVE, 1, AT, AT);
        store.insert(r);

        assertThat(store.earning("acme", "rule-1")).contains(r);
        assertThat(store.earning("globex", "rule-1")).isEmpty();
        assertThat(store.update(rule("rule-1", "acme", 2), 1)).isTrue();
        assertThat(store.update(rule("rule-1", "acme", 3), 1)).isFalse();
        assertThat(store.earning("acme", "rule-1").orElseThrow().version()).isEqualTo(2);
        store.insert(new Milestone("m-1", "acme", "m", "stay", null, Milestone.Measure.COUNT, null, BigDecimal.valueOf(3),
                Window.MONTH, 50_000, RuleStatus.INACTIVE, 1, AT, AT));
        assertThat(store.earnings("acme", true)).extracting(Earning::id).containsExactly("m-1");
        assertThat(store.active()).extracting(Earning::id).containsExactly("rule-1");
    }

    @Test
    void milestoneProgressCountsEachRequestOnce() {
        try (LoyaltyStore.EngineWork w = store.begin()) {
            assertThat(w.countOnce("m-1", "req-1")).isTrue();
            assertThat(w.countOnce("m-1", "req-1")).isFalse();
            w.saveProgress(new Progress("m-1", "c", 100, 300, null));
            w.saveProgress(new Progress("m-1", "c", 100, 400, 5L));
            w.commit(LoyaltyEngine.CONSUMER, 1);
        }
        assertThat(store.progress("m-1", "c", 100)).contains(new Progress("m-1", "c", 100, 400, 5L));
        assertThat(store.progress("m-1", "c", 200)).isEmpty();
    }
}
