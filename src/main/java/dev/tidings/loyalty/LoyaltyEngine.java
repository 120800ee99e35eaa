package dev.tidings.loyalty;

import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.Org;
import dev.tidings.registry.Registry;
import dev.tidings.store.Outbox;
import dev.tidings.store.OutboxEntry;
import dev.tidings.store.OutboxEvent;
import dev.tidings.store.StoreException;
import dev.tidings.store.StoredEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loyalty engine: a consumer of the outbox with its own position ("loyalty"). Each step reads the
 * events after the position, evaluates every deliverable event of a published definition against its
 * org's active rules and milestones, in outbox order (so in order per customer), and commits the
 * awards, ledger entries, milestone progress, evaluations and the new position in one transaction.
 * Test events of a draft are evaluated as a dry run: their evaluation is stored, nothing else.
 *
 * <p>Exactly once: a crash before the commit replays the batch from the old position; a replay that
 * meets an award already made is refused by the store's unique key on (rule, request), so nothing is
 * doubled. In the cluster every worker runs an engine; {@link LoyaltyStore.EngineWork#claim} lets one
 * at a time move the position, and a worker that finds the position moved under it starts over.
 *
 * <p>Expiry runs on the same thread about once a second, oldest lots first.
 *
 * <p>Threads: "tidings-loyalty" owns the loop; {@link #close} may be called from any thread.
 */
public final class LoyaltyEngine implements AutoCloseable {
    public static final String CONSUMER = "loyalty";
    private static final Logger LOG = LoggerFactory.getLogger(LoyaltyEngine.class);
    private static final int BATCH = 500;
    /** A batch commits early once its evaluations have taken this long. */
    private static final long TRANSACTION_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int EXPIRE_BATCH = 500;
    private static final long EXPIRE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_WAIT_MS = 100;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final Outbox outbox;
    private final LoyaltyStore store;
    private final Registry registry;
    private final Evaluator evaluator;
    private final Clock clock;
    private final LoyaltyMetrics metrics;
    private final Thread thread = new Thread(this::run, "tidings-loyalty");
    private final Object wake = new Object();
    /** Seqs whose evaluation failed permanently: recorded as failed and passed, so they cannot stall the rest. */
    private final Set<Long> poisoned = new HashSet<>();
    private volatile boolean running = true;
    private volatile long head;
    private volatile long position;

    public LoyaltyEngine(Outbox outbox, LoyaltyStore store, Registry registry, Evaluator evaluator, MeterRegistry meters,
            Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.registry = registry;
        this.evaluator = evaluator;
        this.clock = clock;
        this.metrics = new LoyaltyMetrics(meters, () -> Math.max(0, head - position));
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long backoff = 250;
        long lastExpiry = System.nanoTime() - EXPIRE_EVERY_NANOS;
        while (running) {
            try {
                int handled = step();
                if (System.nanoTime() - lastExpiry >= EXPIRE_EVERY_NANOS) {
                    expire();
                    lastExpiry = System.nanoTime();
                }
                backoff = 250;
                if (handled <= 0) {
                    idle(IDLE_WAIT_MS);
                }
            } catch (StoreException e) {
                LOG.error("Loyalty batch failed; retrying in {} ms: {}", backoff, e.getMessage());
                idle(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            } catch (RuntimeException e) {
                LOG.error("Loyalty batch failed unexpectedly; retrying in {} ms", backoff, e);
                idle(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * One batch: how many outbox entries it handled, 0 when there were none, -1 when another worker
     * holds the position.
     */
    int step() {
        long from = outbox.position(CONSUMER);
        position = from;
        head = store.outboxHead();
        List<OutboxEvent> events = outbox.eventsAfter(from, BATCH);
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, List<Earning>> byEvent = byEvent(store.active());
        int[] at = {-1};
        try (LoyaltyStore.EngineWork work = store.begin()) {
            if (!work.claim(CONSUMER) || work.position(CONSUMER) != from) {
                return -1;
            }
            long began = System.nanoTime();
            int handled = 0;
            while (handled < events.size()) {
                at[0] = handled;
                handle(work, events.get(handled), byEvent);
                handled++;
                // The transaction holds the store's write lock (one lock for the embedded file): with many
                // rules a whole batch took seconds and starved admin writes past their busy timeout.
                if (System.nanoTime() - began > TRANSACTION_BUDGET_NANOS) {
                    break;
                }
            }
            long last = events.get(handled - 1).seq();
            work.commit(CONSUMER, last);
            position = last;
            return handled;
        } catch (RuntimeException e) {
            boolean permanent = !(e instanceof StoreException s) || !s.retryable();
            if (permanent && at[0] >= 0 && poisoned.add(events.get(at[0]).seq())) {
                LOG.error("Loyalty cannot evaluate request {}; recording the failure and going on: {}",
                        events.get(at[0]).entry().requestId(), e.getMessage());
                return 1;
            }
            throw e;
        }
    }

    private void handle(LoyaltyStore.EngineWork work, OutboxEvent oe, Map<String, List<Earning>> byEvent) {
        OutboxEntry entry = oe.entry();
        if (entry.duplicate()) {
            return;
        }
        List<Earning> earnings = byEvent.get(entry.orgId() + "/" + entry.eventName());
        ActiveDefinition definition = registry.definition(entry.orgId(), entry.eventName());
        if (earnings == null || definition == null) {
            return;
        }
        boolean dryRun = entry.test();
        if (!dryRun && definition.definition().status() != DefinitionStatus.PUBLISHED) {
            return;
        }
        long now = clock.millis();
        if (poisoned.contains(oe.seq())) {
            work.saveEvaluation(new Evaluation(entry.requestId(), entry.orgId(), now, dryRun,
                    "loyalty evaluation failed; see the server log", "[]"));
            return;
        }
        StoredEvent event = oe.event();
        long started = System.nanoTime();
        List<Outcome> outcomes = evaluator.evaluate(earnings, definition.definition(), event, zone(entry.orgId()), work);
        metrics.evaluated(System.nanoTime() - started);
        if (!dryRun) {
            for (Outcome o : outcomes) {
                apply(work, event, o, now);
            }
        }
        work.saveEvaluation(new Evaluation(entry.requestId(), entry.orgId(), now, dryRun,
                Outcomes.message(outcomes, dryRun), Outcomes.json(outcomes).toString()));
    }

    private void apply(LoyaltyStore.EngineWork work, StoredEvent event, Outcome o, long now) {
        Earning e = o.earning();
        String customer = event.customer().id();
        if (e instanceof Rule r) {
            if (o.decided()) {
                award(work, event, r.id(), r.version(), o.points(), o.capped(), o.releaseAt(), o.expiresAt(), now,
                        "rule " + r.name());
            }
            return;
        }
        Outcome.Step step = o.step();
        if (step == null || !work.countOnce(e.id(), event.requestId())) {
            return;
        }
        // Counting goes on after the target (the view shows 4 of 3); the award was made once, when reached.
        Long achievedAt = step.reached() ? Long.valueOf(now)
                : work.progress(e.id(), customer, step.windowStart()).map(Progress::achievedAt).orElse(null);
        work.saveProgress(new Progress(e.id(), customer, step.windowStart(), step.after(), achievedAt));
        if (step.reached()) {
            award(work, event, e.id(), e.version(), o.points(), false, null, null, now, "milestone " + e.name());
        }
    }

    private void award(LoyaltyStore.EngineWork work, StoredEvent event, String ruleId, int version, long points,
            boolean capped, Long releaseAt, Long expiresAt, long now, String note) {
        String entryId = points > 0 ? Award.entryId(ruleId, event.requestId()) : null;
        Award award = new Award(ruleId, event.requestId(), event.orgId(), event.customer().id(), version,
                event.eventDateTime(), points, capped, entryId);
        if (!work.insertAward(award)) {
            return; // Awarded before this replay: the store's key says so.
        }
        if (entryId != null) {
            work.insertEntry(new LedgerEntry(0, entryId, event.orgId(), event.customer().id(), EntryType.EARN, points,
                    ruleId, version, event.requestId(), now, releaseAt, expiresAt, note + " for " + event.eventName(), null,
                    null));
        }
        metrics.awarded(points, capped);
    }

    private void expire() {
        int n;
        do {
            n = store.expire(clock.millis(), EXPIRE_BATCH);
        } while (n == EXPIRE_BATCH && running);
    }

    private ZoneId zone(String orgId) {
        Optional<Org> org = registry.org(orgId);
        return org.isPresent() ? org.get().zone() : ZoneOffset.UTC;
    }

    private static Map<String, List<Earning>> byEvent(List<Earning> active) {
        Map<String, List<Earning>> byEvent = new HashMap<>();
        for (Earning e : active) {
            byEvent.computeIfAbsent(e.orgId() + "/" + e.event(), k -> new ArrayList<>()).add(e);
        }
        return byEvent;
    }

    private void idle(long ms) {
        synchronized (wake) {
            if (running) {
                try {
                    wake.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** Entries not handled yet (as of the last step). */
    public long lag() {
        return Math.max(0, head - position);
    }

    /** Finishes the batch in hand and stops; what it did not commit is handled after the next start. */
    @Override
    public void close() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
