package dev.tidings.pipeline;

import dev.tidings.log.EventLog;
import dev.tidings.log.LogEntry;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Registry;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event log in order from the position the store remembers and processes it in batches.
 * Each batch's writes and the new position commit in one transaction, so after a crash the worker
 * resumes exactly after the last committed batch: nothing lost, nothing doubled. Only after that
 * commit may the log drop the entries and test events verify their definitions.
 *
 * <p>The store-free half of the work ({@link Transformer}) for the next batch runs on a second thread
 * while the current batch is written, so a backlog drains on two cores.
 *
 * <p>Threads: "tidings-pipeline" owns the store's connection and the position; "tidings-pipeline-transform"
 * only reads the log and transforms.
 */
public final class PipelineWorker implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineWorker.class);
    private static final int BATCH = 8000;

    private final EventLog log;
    private final PipelineStore store;
    private final Definitions definitions;
    private final Transformer transformer;
    private final EventProcessor processor;
    private final ExecutorService transformAhead = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tidings-pipeline-transform");
        t.setDaemon(true);
        return t;
    });
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long position;
    private volatile long oldestUnprocessedAt;
    // Owned by the pipeline thread: the next batch, read and transformed while the current one is written.
    private CompletableFuture<List<Transformed>> ahead;
    private long aheadAfter = -1;

    public PipelineWorker(EventLog log, PipelineStore store, Registry registry, Definitions definitions,
            MeterRegistry meters, Clock clock) {
        this.log = log;
        this.store = store;
        this.definitions = definitions;
        this.transformer = new Transformer(registry, clock);
        this.processor = new EventProcessor(clock);
        this.clock = clock;
        this.metrics = new PipelineMetrics(meters, this::lag, this::lagSeconds);
        this.thread = new Thread(this, "tidings-pipeline");
    }

    public void start() {
        position = store.position(log.id());
        thread.start();
    }

    /** The log position processed and committed so far. */
    public long position() {
        return position;
    }

    @Override
    public void run() {
        while (running) {
            try {
                awaitResume();
                long seenCommits = log.commits();
                List<Transformed> batch = nextBatch();
                if (batch.isEmpty()) {
                    oldestUnprocessedAt = 0;
                    log.awaitCommitAfter(seenCommits, 200);
                    continue;
                }
                oldestUnprocessedAt = batch.get(0).logged().entry().receivedAt();
                long last = batch.get(batch.size() - 1).logged().position();
                aheadAfter = last;
                ahead = CompletableFuture.supplyAsync(() -> transformer.transform(log.readAfter(last, BATCH)), transformAhead);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                metrics.failedBatch();
                LOG.error("Pipeline batch after position {} failed; retrying in 1 s: {}", position, e.getMessage());
                backOff();
            }
        }
    }

    /** The batch after {@link #position}: the one transformed ahead when it still fits, else read now. */
    private List<Transformed> nextBatch() {
        CompletableFuture<List<Transformed>> prefetched = ahead;
        ahead = null;
        if (prefetched != null && aheadAfter == position) {
            try {
                List<Transformed> batch = prefetched.join();
                if (!batch.isEmpty()) {
                    return batch;
                }
            } catch (CompletionException e) {
                LOG.warn("Transforming ahead failed; reading the batch again: {}", e.getCause().getMessage());
            }
        }
        return transformer.transform(log.readAfter(position, BATCH));
    }

    private void write(List<Transformed> events) {
        PipelineStore.Batch batch = store.begin();
        Set<String> verified = new LinkedHashSet<>();
        RequestStatus[] outcomes = new RequestStatus[events.size()];
        long last = events.get(events.size() - 1).logged().position();
        try {
            for (int i = 0; i < events.size(); i++) {
                Transformed t = events.get(i);
                outcomes[i] = processor.process(t, batch);
                LogEntry entry = t.logged().entry();
                if (entry.test() && (outcomes[i] == RequestStatus.PROCESSED || outcomes[i] == RequestStatus.DUPLICATE)) {
                    verified.add(entry.definitionId() + ":" + entry.definitionVersion());
                }
            }
            batch.commit(last);
        } catch (RuntimeException e) {
            batch.rollback();
            throw e;
        }
        position = last;
        log.releaseBefore(position);
        for (RequestStatus s : outcomes) {
            metrics.finished(s);
        }
        metrics.batch(events.size());
        for (String v : verified) {
            int colon = v.lastIndexOf(':');
            definitions.markVerified(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        }
    }

    /** Stops taking new batches (the one in hand finishes); the log keeps accepting events meanwhile. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    public boolean paused() {
        return paused;
    }

    /** Log entries not yet processed. */
    public long lag() {
        return Math.max(0, log.headPosition() - position);
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

    private void backOff() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Finishes the batch in hand, then stops; what is left in the log is processed after the next start. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transformAhead.shutdownNow();
        store.close();
    }
}
