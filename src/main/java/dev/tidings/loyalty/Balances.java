package dev.tidings.loyalty;

import dev.tidings.registry.Org;
import dev.tidings.registry.Registry;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A customer's points: balance and totals as of now, the ledger, milestone progress in the current
 * windows, reversals of a request's awards and manual adjustments. The clock decides what is pending.
 */
public final class Balances {
    /** Most points one adjustment may move: a typo of a few zeros should not mint millions. */
    public static final long MAX_ADJUSTMENT = 100_000_000L * 100;

    private final LoyaltyStore store;
    private final Registry registry;
    private final Clock clock;

    public Balances(LoyaltyStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** A milestone's progress in the window that holds now. */
    public record MilestoneView(Milestone milestone, long windowStart, long current, Long achievedAt) {}

    public record Balance(Totals totals, List<MilestoneView> milestones) {}

    public Balance balance(String orgId, String customerId) {
        long now = clock.millis();
        ZoneId zone = registry.org(orgId).map(Org::zone).orElse(ZoneOffset.UTC);
        List<MilestoneView> milestones = new ArrayList<>();
        for (Earning e : store.earnings(orgId, true)) {
            Milestone m = (Milestone) e;
            if (m.status() != RuleStatus.ACTIVE) {
                continue;
            }
            long start = m.window().around(now, zone).from();
            Optional<Progress> p = store.progress(m.id(), customerId, start);
            milestones.add(new MilestoneView(m, start, p.map(Progress::current).orElse(0L),
                    p.map(Progress::achievedAt).orElse(null)));
        }
        return new Balance(store.totals(orgId, customerId, now), milestones);
    }

    public List<LedgerEntry> ledger(String orgId, String customerId, Long beforeSeq, int limit) {
        return store.ledger(orgId, customerId, beforeSeq, limit);
    }

    /** How many awards were taken back; 0 when the request had none left to reverse. */
    public int reverse(String orgId, String requestId, String reason, String actor) {
        return store.reverse(orgId, requestId, reason, actor, clock.millis());
    }

    public LedgerEntry adjust(String orgId, String customerId, long points, String reason, String actor) {
        return store.adjust(orgId, customerId, points, reason, actor, clock.millis());
    }

    public long now() {
        return clock.millis();
    }
}
