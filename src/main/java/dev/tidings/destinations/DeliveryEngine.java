package dev.tidings.destinations;

import dev.tidings.destinations.DestinationSettings.Ordering;
import dev.tidings.destinations.DestinationSettings.Type;
import dev.tidings.store.Outbox;
import dev.tidings.store.OutboxEntry;
import dev.tidings.store.OutboxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers processed events to destinations, at least once (DESIGN §9).
 *
 * <p>Three stages, each on threads of its own, so none waits on an endpoint:
 * <ol>
 *   <li>"tidings-destinations-outbox" follows the outbox from the {@code destinations} position and,
 *       for each deliverable event, creates one delivery per matching enabled destination, committed
 *       with the position move in one transaction: a crash re-reads, never loses or doubles.</li>
 *   <li>"tidings-destinations-dispatch" claims due deliveries per destination up to its free
 *       {@code maxInFlight} slots (a lease in the store) and hands them to the non-blocking sender.
 *       A destination whose slots are full is skipped, so it holds back only itself.</li>
 *   <li>"tidings-destinations-record" writes the attempts finished meanwhile and their outcomes
 *       (delivered, retry at, failed, destination disabled) in one transaction and frees their slots.</li>
 * </ol>
 * A delivery whose attempt never got recorded (kill -9) keeps its lease until it runs out, then is
 * claimed and sent again, here after a restart or by another worker of the cluster.
 */
public final class DeliveryEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final int OUTBOX_BATCH = 500;
    private static final int IDLE_BATCH = 5000;
    private static final long IDLE_WAIT_MS = 100;
    private static final long LEASE_MARGIN_MS = 5_000;
    private static final long BACKLOG_EVERY_MS = 5_000;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final int RECORD_BATCH = 512;

    private final Outbox outbox;
    private final DestinationStore store;
    private final DestinationCatalog catalog;
    private final EventFilters filters;
    private final Map<Type, Sender> senders;
    private final DestinationMetrics metrics;
    private final Clock clock;
    private final long disableAfterMs;
    private final String owner = "engine-" + UUID.randomUUID();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread reader = new Thread(this::follow, "tidings-destinations-outbox");
    private final Thread dispatcher = new Thread(this::dispatch, "tidings-destinations-dispatch");
    /** Attempts finished, waiting to be recorded; bounded by the in-flight limits of all destinations. */
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final Thread recorder = new Thread(this::record, "tidings-destinations-record");
    private volatile boolean running = true;

    DeliveryEngine(Outbox outbox, DestinationStore store, DestinationCatalog catalog, EventFilters filters,
            Map<Type, Sender> senders, DestinationMetrics metrics, Clock clock, Duration disableAfter) {
        this.outbox = outbox;
        this.store = store;
        this.catalog = catalog;
        this.filters = filters;
        this.senders = senders;
        this.metrics = metrics;
        this.clock = clock;
        this.disableAfterMs = disableAfter.toMillis();
    }

    void start() {
        reader.setDaemon(true);
        dispatcher.setDaemon(true);
        recorder.setDaemon(true);
        reader.start();
        dispatcher.start();
        recorder.start();
    }

    /** Something became due (a change, a replay): look now rather than at the next tick. */
    void nudge() {
        wake.release();
    }

    // --- outbox → deliveries ---

    private void follow() {
        long backoff = 250;
        long position = -1;
        while (running) {
            try {
                if (position < 0) {
                    position = outbox.position(DestinationStore.CONSUMER);
                }
                catalog.refreshIfStale();
                List<NewDelivery> created;
                long last;
                if (catalog.all().stream().noneMatch(Destination::enabled)) {
                    // Nothing to deliver to: move past the entries without reading their events, so a
                    // destination created later starts from now, not from the whole history.
                    List<OutboxEntry> entries = outbox.after(position, IDLE_BATCH);
                    if (entries.isEmpty()) {
                        pause(IDLE_WAIT_MS);
                        continue;
                    }
                    created = List.of();
                    last = entries.get(entries.size() - 1).seq();
                } else {
                    List<OutboxEvent> batch = outbox.eventsAfter(position, OUTBOX_BATCH);
                    if (batch.isEmpty()) {
                        pause(IDLE_WAIT_MS);
                        continue;
                    }
                    created = deliveriesFor(batch);
                    last = batch.get(batch.size() - 1).seq();
                }
                store.enqueue(created, last, clock.millis());
                position = last;
                backoff = 250;
                if (!created.isEmpty()) {
                    nudge();
                }
            } catch (RuntimeException e) {
                // The store or outbox is unreachable for now; nothing was committed, so it is read again.
                LOG.error("Creating deliveries failed; retrying in {} ms: {}", backoff, e.getMessage());
                position = -1;
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private List<NewDelivery> deliveriesFor(List<OutboxEvent> batch) {
        List<NewDelivery> created = new ArrayList<>();
        List<Destination> destinations = catalog.all();
        for (OutboxEvent e : batch) {
            if (!e.deliverable() || e.event() == null) {
                continue;
            }
            for (Destination d : destinations) {
                if (d.enabled() && d.orgId().equals(e.entry().orgId()) && filters.matches(d, e.event())) {
                    String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
                    created.add(new NewDelivery(id, d.id(), d.orgId(), e.entry().requestId(), e.seq(),
                            e.entry().customerId(), e.event().eventDateTime(), DeliveryBody.of(id, e.event())));
                }
            }
        }
        return created;
    }

    // --- due deliveries → senders ---

    private void dispatch() {
        long backoff = 250;
        long backlogAt = 0;
        while (running) {
            try {
                catalog.refreshIfStale();
                long now = clock.millis();
                for (Destination d : catalog.all()) {
                    if (d.enabled()) {
                        claimAndSend(d, now);
                    }
                }
                if (now - backlogAt >= BACKLOG_EVERY_MS) {
                    metrics.backlog(catalog.all(), store.backlog());
                    backlogAt = now;
                }
                backoff = 250;
                wake.tryAcquire(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Claiming deliveries failed; retrying in {} ms: {}", backoff, e.getMessage());
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private void claimAndSend(Destination d, long now) {
        AtomicInteger busy = inFlight.computeIfAbsent(d.id(), k -> new AtomicInteger());
        int room = d.settings().maxInFlight() - busy.get();
        if (room <= 0) {
            return;
        }
        long lease = now + d.settings().timeout().toMillis() + LEASE_MARGIN_MS;
        List<Delivery> claimed = store.claim(d.id(), now, room, d.settings().ordering() == Ordering.PER_CUSTOMER, owner, lease);
        Sender sender = senders.get(d.settings().type());
        for (Delivery delivery : claimed) {
            busy.incrementAndGet();
            long startedAt = clock.millis();
            (d.secret() == null && d.settings().type() == Type.WEBHOOK
                    ? java.util.concurrent.CompletableFuture.completedFuture(SendResult.failed(
                            "the signing secret cannot be decrypted: every node must share --destination-secret-key", 0))
                    : sender.send(d, delivery).toCompletableFuture())
                    .whenComplete((result, error) -> finished.add(new Finished(d, delivery, startedAt,
                            error == null ? result : SendResult.failed("send failed: " + error, 0), busy)));
        }
    }

    // --- attempt outcomes → store ---

    private record Finished(Destination destination, Delivery delivery, long startedAt, SendResult result,
            AtomicInteger busy) {}

    /**
     * Group commit: every attempt finished since the last commit is recorded in one transaction, so a
     * fast endpoint costs one fsync per batch rather than per delivery.
     */
    private void record() {
        List<Finished> batch = new ArrayList<>();
        while (running || !finished.isEmpty()) {
            try {
                Finished first = finished.poll(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, RECORD_BATCH - 1);
                recordBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.forEach(f -> f.busy().decrementAndGet());
                if (!batch.isEmpty()) {
                    nudge();
                }
                batch.clear();
            }
        }
    }

    private void recordBatch(List<Finished> batch) {
        long now = clock.millis();
        List<DestinationStore.Recorded> records = new ArrayList<>(batch.size());
        for (Finished f : batch) {
            SendResult r = f.result();
            records.add(new DestinationStore.Recorded(f.delivery(), new Attempt(f.delivery().id(), 0, f.startedAt(),
                    r.status(), r.error(), r.durationMs(), r.body()), outcome(f.destination(), f.delivery(), r, now)));
        }
        try {
            recordWithRetries(records, now);
        } catch (RuntimeException e) {
            // Not recorded: the leases run out and these deliveries are sent again (at least once).
            LOG.error("Recording {} attempts failed; they will be sent again: {}", records.size(), e.getMessage());
            return;
        }
        boolean disabled = false;
        for (int i = 0; i < batch.size(); i++) {
            Finished f = batch.get(i);
            AttemptOutcome outcome = records.get(i).outcome();
            metrics.attempt(f.destination(), f.result(), outcome.status());
            if (outcome.disableReason() != null) {
                LOG.warn("Destination {} disabled: {}", f.destination().id(), outcome.disableReason());
                senders.get(f.destination().settings().type()).forget(f.destination().id());
                disabled = true;
            }
        }
        if (disabled) {
            catalog.refresh();
        }
    }

    AttemptOutcome outcome(Destination d, Delivery delivery, SendResult r, long now) {
        if (r.success()) {
            return new AttemptOutcome(DeliveryStatus.DELIVERED, 0, true, null);
        }
        String disable = null;
        if (r.gone()) {
            disable = "the endpoint answered 410 Gone on " + Instant.ofEpochMilli(now);
        } else if (d.failingSince() > 0 && now - d.failingSince() >= disableAfterMs) {
            disable = "every attempt failed since " + Instant.ofEpochMilli(d.failingSince()) + ", for longer than "
                    + Duration.ofMillis(disableAfterMs).toString().substring(2).toLowerCase() + " (--destination-disable-after)";
        }
        OptionalLong delay = RetrySchedule.delayMs(d.settings().retrySchedule(), delivery.attemptsThisRound() + 1,
                r.retryAfterMs(), () -> ThreadLocalRandom.current().nextDouble());
        return delay.isPresent()
                ? new AttemptOutcome(DeliveryStatus.PENDING, now + delay.getAsLong(), false, disable)
                : new AttemptOutcome(DeliveryStatus.FAILED, 0, false, disable);
    }

    private void recordWithRetries(List<DestinationStore.Recorded> records, long now) {
        long backoff = 100;
        for (int i = 0; ; i++) {
            try {
                store.record(records, now);
                return;
            } catch (RuntimeException e) {
                if (i >= 5 || !running) {
                    throw e;
                }
                pause(backoff);
                backoff *= 2;
            }
        }
    }

    private void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops claiming and following; attempts in flight get a moment to be recorded, and any that is
     * not is sent again after the next start (its lease runs out).
     */
    @Override
    public void close() {
        running = false;
        wake.release();
        join(reader);
        join(dispatcher);
        senders.values().forEach(Sender::close);
        join(recorder);
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
