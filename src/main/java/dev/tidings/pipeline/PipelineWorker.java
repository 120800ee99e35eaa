package dev.tidings.pipeline;

import dev.tidings.log.EventLog;
import dev.tidings.log.LoggedEvent;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Registry;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event log in order from the position the store remembers and processes it in batches.
 * Each batch's writes and the new position commit in one transaction, so after a crash the worker
 * resumes exactly after the last committed batch: nothing lost, nothing doubled. Only after that
 * commit may the log drop the entries and test events verify their definitions.
 *
 * <p>Threads: everything runs on the thread "tidings-pipeline", which owns the store's connection.
 */
public final class PipelineWorker implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineWorker.class);
    private static final int BATCH = 2000;

    private final EventLog log;
    private final PipelineStore store;
    private final Definitions definitions;
    private final EventProcessor processor;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long position;
    private volatile long oldestUnprocessedAt;

    public PipelineWorker(EventLog log, PipelineStore store, Registry registry, Definitions definitions,
            MeterRegistry meters, Clock clock) {
        this.log = log;
        this.store = store;
        this.definitions = definitions;
        this.processor = new EventProcessor(registry, clock);
        this.clock = clock;
        this.metrics = new PipelineMetrics(meters, this::lag, this::lagSeconds);
        this.thread = new Thread(this, "tidings-pipeline");
    }

    public void start() {
        position = store.position();
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
                List<LoggedEvent> events = log.readAfter(position, BATCH);
                if (events.isEmpty()) {
                    oldestUnprocessedAt = 0;
                    log.awaitCommitAfter(seenCommits, 200);
                    continue;
                }
                oldestUnprocessedAt = events.get(0).entry().receivedAt();
                processBatch(events);
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

    private void processBatch(List<LoggedEvent> events) {
        PipelineStore.Batch batch = store.begin();
        Set<String> verified = new LinkedHashSet<>();
        RequestStatus[] outcomes = new RequestStatus[events.size()];
        try {
            for (int i = 0; i < events.size(); i++) {
                LoggedEvent e = events.get(i);
                outcomes[i] = processor.process(e.entry(), batch);
                if (e.entry().test() && (outcomes[i] == RequestStatus.PROCESSED || outcomes[i] == RequestStatus.DUPLICATE)) {
                    verified.add(e.entry().definitionId() + ":" + e.entry().definitionVersion());
                }
            }
            batch.commit(events.get(events.size() - 1).position());
        } catch (RuntimeException e) {
            batch.rollback();
            throw e;
        }
        position = events.get(events.size() - 1).position();
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
        store.close();
    }
}
