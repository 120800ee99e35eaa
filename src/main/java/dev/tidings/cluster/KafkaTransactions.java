package dev.tidings.cluster;

import dev.tidings.log.LogUnavailableException;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Multi-record appends as Kafka transactions, so a batch is either committed whole or not at all:
 * consumers read with {@code read_committed} and never see part of one.
 *
 * <p>Threads: one thread, {@code kafka-transactions}, owns the transactional producer and runs the
 * transactions one after the other (a producer has at most one open transaction); callers only queue
 * work. The producer is created on first use, so a broker that is down at start fails the first
 * batches instead of the node's start-up.
 *
 * <p>After a commit that timed out, Kafka allows nothing but retrying or closing; this class closes the
 * producer and the next batch starts a new one with the same {@code transactional.id}, whose
 * {@code initTransactions} finishes or aborts whatever the old one left open. The caller was already
 * answered with a failure; the batch may still have been committed (Kafka could not say in time).
 */
final class KafkaTransactions implements AutoCloseable {
    /** Batches waiting for the transaction thread; beyond this the intake answers 503 at once. */
    static final int QUEUE_CAPACITY = 1024;

    private final KafkaSettings settings;
    private final String transactionalId;
    private final Timer ackTimer;
    private final Consumer<Throwable> outcome;
    private final ThreadPoolExecutor thread;
    // Owned by the kafka-transactions thread.
    private KafkaProducer<String, byte[]> producer;

    /** {@code outcome} hears null after each commit and the error after each failure. */
    KafkaTransactions(KafkaSettings settings, String nodeId, Timer ackTimer, Consumer<Throwable> outcome) {
        this.settings = settings;
        this.transactionalId = "tidings-intake-" + nodeId;
        this.ackTimer = ackTimer;
        this.outcome = outcome;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
            Thread t = new Thread(r, "kafka-transactions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one transaction; the future fails at once when the queue is full or closed. */
    CompletableFuture<Void> submit(List<ProducerRecord<String, byte[]>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> run(records, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new LogUnavailableException("the Kafka transaction queue is full or closed", e));
        }
        return done;
    }

    // --- the kafka-transactions thread ---

    private void run(List<ProducerRecord<String, byte[]>> records, CompletableFuture<Void> done) {
        if (done.isDone()) {
            return; // the caller's time ran out while this waited: nothing was sent
        }
        long started = System.nanoTime();
        boolean committing = false;
        try {
            KafkaProducer<String, byte[]> p = producer();
            p.beginTransaction();
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(r);
            }
            if (done.isDone()) {
                p.abortTransaction(); // answered 503 already: it must not commit behind the caller's back
                return;
            }
            committing = true;
            // Flushes the sends and fails if any of them failed: all records or none.
            p.commitTransaction();
            ackTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            outcome.accept(null);
            done.complete(null);
        } catch (RuntimeException e) {
            outcome.accept(e);
            recover(e, committing);
            KafkaAppender.complete(done, e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = settings.producerConfig(transactionalId);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            // A transaction left open by a crashed node holds back read_committed consumers of its
            // partitions until the coordinator aborts it: keep that short, a little over one attempt.
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, 2 * settings.ackTimeout().toMillis()));
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(config);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /** Leaves the producer ready for the next transaction, or drops it so the next one starts afresh. */
    private void recover(RuntimeException e, boolean committing) {
        if (producer == null) {
            return;
        }
        boolean unknownState = committing && (e instanceof TimeoutException || e instanceof InterruptException);
        if (!unknownState) {
            try {
                producer.abortTransaction();
                return;
            } catch (RuntimeException abortFailed) {
                // Fatal (fenced, closed) or timed out: only closing remains.
            }
        }
        producer.close(Duration.ZERO);
        producer = null;
    }

    /** Runs the queued transactions (each still bounded by its caller's timeout), then closes the producer. */
    @Override
    public void close() {
        try {
            thread.execute(() -> {
                if (producer != null) {
                    producer.close(settings.ackTimeout());
                    producer = null;
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed already, or the queue is full: the shutdown below still ends the thread.
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2 * settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
