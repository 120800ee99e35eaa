package dev.tidings.cluster;

import dev.tidings.log.EventAppender;
import dev.tidings.log.LogCodec;
import dev.tidings.log.LogRecord;
import dev.tidings.log.LogUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's side of the Kafka event log. The record key is {@link LogRecord#partitionKey()} (one
 * customer's events stay in one partition, in order), the value {@link LogCodec#encode}.
 *
 * <p>Threads: {@link #append}, {@link #appendAll} and {@link #offer} are called from the intake's
 * event loops and never touch the network: they encode on the caller's thread and hand the bytes to a
 * bounded queue. Single records are sent by the {@code kafka-append} thread through an idempotent
 * producer (whose own batching is the group commit); a full queue is answered at once with
 * {@link LogUnavailableException}. {@code send} may block (metadata after the topic aged out of the
 * producer's cache, a full buffer while the broker is away), which is why it runs on that thread and
 * not on an event loop. Multi-record appends go to {@link KafkaTransactions} on a thread of their own.
 *
 * <p>Every future completes within the ack timeout: a broker that does not acknowledge in time fails it
 * with {@link LogUnavailableException} (503 with Retry-After). As always with Kafka, a timeout says the
 * answer did not come in time, not that nothing was written: the client's retry may then be a copy,
 * which the pipeline's de-duplication is there for.
 */
public final class KafkaAppender implements EventAppender {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAppender.class);
    /** Room for about a second of a busy node's events while the producer's buffer absorbs the rest. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;

    private final KafkaSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaTransactions transactions;
    private final BlockingQueue<Pending> queue;
    private final Thread sender;
    private final Timer ackTimer;
    private volatile boolean healthy = true;
    private volatile boolean closed;

    /** A record waiting for the sender thread; {@code done} is null for a best-effort {@link #offer}. */
    private record Pending(String key, byte[] value, CompletableFuture<Void> done) {}

    /**
     * Connects and fetches the topic's metadata (bounded by the ack timeout; a broker that is down at
     * start only makes the first sends wait on the sender thread). {@code nodeId} names this process
     * to the broker and makes its {@code transactional.id} unique: two live processes must never share one.
     */
    public KafkaAppender(KafkaSettings settings, String nodeId, MeterRegistry meters) {
        this(settings, nodeId, DEFAULT_QUEUE_CAPACITY, meters);
    }

    public KafkaAppender(KafkaSettings settings, String nodeId, int queueCapacity, MeterRegistry meters) {
        this.settings = settings;
        this.producer = settings.newProducer("tidings-intake-" + nodeId);
        this.ackTimer = Timer.builder("tidings_kafka_ack")
                .description("Time from handing a record to the producer to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.transactions = new KafkaTransactions(settings, nodeId, ackTimer, this::sent);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        prefetchMetadata();
        this.sender = new Thread(this::sendLoop, "kafka-append");
        sender.setDaemon(true);
        sender.start();
    }

    private void prefetchMetadata() {
        try {
            producer.partitionsFor(settings.topic());
        } catch (RuntimeException e) {
            healthy = false;
            LOG.warn("No metadata for Kafka topic {} at {} yet: {}", settings.topic(), settings.bootstrap(), e.getMessage());
        }
    }

    // --- event loops ---

    @Override
    public CompletableFuture<Void> append(LogRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed || !queue.offer(new Pending(record.partitionKey(), LogCodec.encode(record), done))) {
            done.completeExceptionally(new LogUnavailableException(closed ? "the Kafka log is closed" : "the Kafka send queue is full", null));
            return done;
        }
        return bounded(done);
    }

    @Override
    public CompletableFuture<Void> appendAll(List<? extends LogRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (records.size() == 1) {
            return append(records.get(0));
        }
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            batch.add(new ProducerRecord<>(settings.topic(), r.partitionKey(), LogCodec.encode(r)));
        }
        return bounded(transactions.submit(batch));
    }

    @Override
    public boolean offer(LogRecord record) {
        return !closed && queue.offer(new Pending(record.partitionKey(), LogCodec.encode(record), null));
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    /**
     * The ack timeout as a hard bound on the answer, whatever the producer does: a send that waited in
     * the queue and then blocked on metadata would otherwise exceed it.
     */
    private CompletableFuture<Void> bounded(CompletableFuture<Void> done) {
        // A separate answer, so a failure reaches the caller as the LogUnavailableException itself,
        // not wrapped in a CompletionException by a dependent stage.
        CompletableFuture<Void> answer = new CompletableFuture<>();
        done.orTimeout(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, e) -> {
            if (e == null) {
                answer.complete(null);
            } else {
                if (e instanceof TimeoutException) {
                    sent(e); // the producer may report later; the caller was refused now, so the log is unhealthy now
                }
                answer.completeExceptionally(e instanceof TimeoutException
                        ? new LogUnavailableException("Kafka did not acknowledge within " + settings.ackTimeout().toMillis() + " ms", e)
                        : e);
            }
        });
        return answer;
    }

    // --- the kafka-append thread ---

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(256);
        try {
            while (!closed || !queue.isEmpty()) {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4096);
                for (Pending p : batch) {
                    send(p);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Pending p) {
        long started = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(settings.topic(), p.key(), p.value()), (metadata, error) -> {
                // The producer's I/O thread: the future's dependents run here, so they must not block.
                if (error == null) {
                    ackTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
                sent(error);
                complete(p.done(), error);
            });
        } catch (RuntimeException e) {
            // send() itself refused: no metadata within max.block.ms, buffer full, producer closed.
            sent(e);
            complete(p.done(), e);
        }
    }

    private void sent(Throwable error) {
        if (error == null) {
            healthy = true;
        } else if (healthy) {
            healthy = false;
            LOG.warn("Kafka did not take a record of topic {}: {}", settings.topic(), error.toString());
        }
    }

    static void complete(CompletableFuture<Void> done, Throwable error) {
        if (done == null) {
            return;
        }
        if (error == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(new LogUnavailableException("Kafka did not take the record: " + error.getMessage(), error));
        }
    }

    /** Sends what is queued, waits up to the ack timeout for the acknowledgements, then closes. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(settings.ackTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(settings.ackTimeout());
        transactions.close();
        for (Pending p; (p = queue.poll()) != null; ) {
            complete(p.done(), new IllegalStateException("closed before it was sent"));
        }
    }

    @Override
    public String toString() {
        return "KafkaAppender[" + settings.bootstrap() + "/" + settings.topic() + "]";
    }
}
