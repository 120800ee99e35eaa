package dev.tidings.pipeline;

import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.ConsumedRecord;
import dev.tidings.log.LogConsumer;
import dev.tidings.log.LogHeads;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.Registry;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the log from the positions the store remembers and processes it in batches. Each batch's
 * writes, outbox rows, verified definitions and the partitions' next positions commit in one
 * transaction, so after a crash or a rebalance the worker resumes exactly after the last committed
 * batch: nothing lost, nothing doubled.
 *
 * <p>Failures: a retryable store failure (locked, disk full, connection lost) rolls the batch back
 * and tries it again with growing pauses. A permanent one names the entry it happened on: that entry
 * alone is recorded FAILED with the reason and the batch goes on, so one poison entry never stalls
 * the others behind it.
 *
 * <p>Threads: "tidings-pipeline-read" owns the consumer (polls, decodes, prepares the next batch);
 * "tidings-pipeline" owns the store's batch. A queue of one batch between them lets a backlog drain on
 * two cores.
 */
public final class PipelineWorker implements PipelineControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineWorker.class);
    /**
     * Events per store transaction. 2,000 drained a 200,000-event backlog at 9,051-9,400 events/s against
     * 7,468-7,525 with 8,000 (bench/pipeline-drain.sh, 2026-12-02): the reader's next batch is ready sooner.
     */
    private static final int BATCH = 2000;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final LogConsumer consumer;
    private final LogHeads heads;
    private final PipelineStore store;
    private final Registry registry;
    private final Definitions definitions;
    private final Preparer preparer;
    private final EventProcessor processor;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final BlockingQueue<List<Prepared>> prepared = new ArrayBlockingQueue<>(1);
    private final Thread reader = new Thread(this::read, "tidings-pipeline-read");
    private final Thread writer = new Thread(this::write, "tidings-pipeline");
    private final Object pauseLock = new Object();
    private final Map<Integer, Long> committed = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long oldestUnprocessedAt;
    /** The last commit, or the last time the worker found nothing to do: what "stuck" is measured from. */
    private volatile long progressAt;
    /** The failure the worker is backing off from, or null while it is not retrying. */
    private volatile String retrying;

    public PipelineWorker(LogConsumer consumer, LogHeads heads, PipelineStore store, Registry registry,
            Definitions definitions, MeterRegistry meters, Clock clock) {
        this.consumer = consumer;
        this.heads = heads;
        this.store = store;
        this.registry = registry;
        this.definitions = definitions;
        this.preparer = new Preparer(registry, clock);
        this.processor = new EventProcessor(clock);
        this.clock = clock;
        this.metrics = new PipelineMetrics(meters, this::lag, this::lagSeconds);
        this.progressAt = clock.millis();
    }

    public void start() {
        reader.start();
        writer.start();
    }

    // --- reading thread ---

    private void read() {
        try {
            consumer.start((logId, partitions) -> {
                Map<Integer, Long> start = store.positions(logId, partitions);
                committed.putAll(start);
                return start;
            });
            long backoff = 250;
            while (running) {
                awaitResume();
                List<ConsumedRecord> records;
                try {
                    records = consumer.poll(BATCH, 200);
                    backoff = 250;
                    retrying = null;
                } catch (RuntimeException e) {
                    // The log is unreadable for now (locked, broker away); what was not returned is read again.
                    retrying = "reading the log failed: " + e.getMessage();
                    LOG.error("Reading the log failed; retrying in {} ms: {}", backoff, e.getMessage());
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                    continue;
                }
                // A poll that began before a pause may return entries appended after it: they wait too.
                awaitResume();
                if (records.isEmpty()) {
                    oldestUnprocessedAt = 0;
                    progressAt = clock.millis();
                    continue;
                }
                List<Prepared> batch = preparer.prepare(records);
                while (running && !prepared.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                    // The writer is busy with the previous batch; this one waits in hand.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- writing thread ---

    private void write() {
        try {
            while (running || !prepared.isEmpty()) {
                List<Prepared> batch = prepared.poll(200, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    oldestUnprocessedAt = batch.get(0).consumed().record() == null ? clock.millis()
                            : batch.get(0).consumed().record().receivedAt();
                    writeWithRetries(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeWithRetries(List<Prepared> events) throws InterruptedException {
        Map<Integer, String> poisoned = new HashMap<>();
        long backoff = 250;
        while (true) {
            int[] at = {-1};
            try {
                RequestStatus[] outcomes = commit(events, poisoned, at);
                retrying = null;
                finished(events, outcomes);
                return;
            } catch (StoreException e) {
                metrics.failedBatch();
                int entry = at[0];
                if (!e.retryable() && entry >= 0 && !poisoned.containsKey(entry)) {
                    LOG.error("Request {} refused by the store; recording it FAILED and going on: {}",
                            events.get(entry).consumed().record() == null ? "?" : events.get(entry).consumed().record().requestId(),
                            e.getMessage());
                    poisoned.put(entry, e.getMessage());
                    continue;
                }
                if (!running) {
                    // Not committed: the batch is read again after the next start.
                    return;
                }
                retrying = "a pipeline batch failed: " + e.getMessage();
                LOG.error("Pipeline batch failed; retrying in {} ms: {}", backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** One transaction; {@code at[0]} tells the caller which entry was being written if it throws. */
    private RequestStatus[] commit(List<Prepared> events, Map<Integer, String> poisoned, int[] at) {
        PipelineStore.Batch batch = store.begin();
        RequestStatus[] outcomes = new RequestStatus[events.size()];
        Set<String> verified = new LinkedHashSet<>();
        Map<Integer, Long> next = new HashMap<>();
        String logId = consumer.logId();
        try {
            for (int i = 0; i < events.size(); i++) {
                at[0] = i;
                Prepared p = events.get(i);
                String poison = poisoned.get(i);
                outcomes[i] = poison != null
                        ? processor.failed(p, "STORE_REFUSED", "the store refused the event: " + poison, batch)
                        : processor.process(p, batch);
                AcceptedEvent event = p.accepted();
                if (event != null && event.test()
                        && (outcomes[i] == RequestStatus.PROCESSED || outcomes[i] == RequestStatus.DUPLICATE)) {
                    verified.add(event.definitionId() + ":" + event.definitionVersion());
                }
                next.merge(p.consumed().partition(), p.consumed().next(), Math::max);
            }
            at[0] = -1;
            for (String v : verified) {
                int colon = v.lastIndexOf(':');
                Optional<EventDefinition> d = definitions.verifiedBy(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
                d.ifPresent(batch::insertDefinitionVersion);
            }
            batch.commit(logId, next);
        } catch (RuntimeException e) {
            rollbackQuietly(batch);
            throw e;
        }
        committed.putAll(next);
        progressAt = clock.millis();
        consumer.committed(next);
        if (!verified.isEmpty()) {
            registry.catchUp();
        }
        return outcomes;
    }

    private static void rollbackQuietly(PipelineStore.Batch batch) {
        try {
            batch.rollback();
        } catch (RuntimeException e) {
            LOG.warn("Rolling back a failed pipeline batch failed too: {}", e.getMessage());
        }
    }

    private void finished(List<Prepared> events, RequestStatus[] outcomes) {
        for (RequestStatus s : outcomes) {
            metrics.finished(s);
        }
        metrics.batch(events.size());
    }

    // --- control (any thread) ---

    /** Stops taking new batches (the one in hand finishes); the log keeps accepting events meanwhile. */
    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        progressAt = clock.millis();
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    @Override
    public boolean paused() {
        return paused;
    }

    /** From this worker's own committed positions: no store read, so metrics can poll it freely. */
    @Override
    public List<PartitionLag> partitions() {
        return PartitionLag.of(heads.endPositions(), committed, heads.firstPosition());
    }

    /** Log entries not yet processed, over all partitions. */
    public long lag() {
        long lag = 0;
        for (PartitionLag p : partitions()) {
            lag += p.lag();
        }
        return lag;
    }

    /**
     * Why the pipeline is stuck, or null when it is not (DESIGN §2, readiness): it is backing off from a
     * failure (a store or log it cannot write or read), or there is lag and nothing has been committed for
     * {@code stuckAfterMillis}. A paused pipeline is not stuck: an operator asked for it.
     */
    public String stuckReason(long stuckAfterMillis) {
        if (paused) {
            return null;
        }
        String failure = retrying;
        if (failure != null) {
            return "pipeline is retrying: " + failure;
        }
        long quiet = clock.millis() - progressAt;
        if (quiet >= stuckAfterMillis) {
            long lag = lag();
            if (lag > 0) {
                return "pipeline has committed nothing for " + quiet / 1000 + " s with " + lag + " entries waiting";
            }
        }
        return null;
    }

    private void awaitResume() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused && running) {
                pauseLock.wait(200);
            }
        }
    }

    private double lagSeconds() {
        long oldest = oldestUnprocessedAt;
        return oldest == 0 ? 0 : Math.max(0, (clock.millis() - oldest) / 1000.0);
    }

    /** Finishes the batch in hand, then stops; what is left in the log is processed after the next start. */
    @Override
    public void close() {
        running = false;
        join(reader);
        join(writer);
        consumer.close();
        store.close();
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
