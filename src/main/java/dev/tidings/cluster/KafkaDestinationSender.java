package dev.tidings.cluster;

import dev.tidings.destinations.Delivery;
import dev.tidings.destinations.Destination;
import dev.tidings.destinations.SendResult;
import dev.tidings.destinations.Sender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KAFKA destinations (DESIGN §9): one idempotent producer per destination, {@code acks=all}, the record
 * key the customer id (so a customer's events stay in one partition, in order), the value the same body
 * a webhook gets, and {@code webhook-id} as a header so consumers can de-duplicate re-sends. A delivery
 * succeeds when the broker acknowledged it within the destination's timeout (at least 1s, what the
 * producer needs for a request round).
 *
 * <p>Threads: {@code KafkaProducer.send} can block while it fetches metadata (a broker that is away),
 * so each destination's sends are handed to a thread of its own: a dead broker holds back only the
 * destination that names it.
 */
public final class KafkaDestinationSender implements Sender {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDestinationSender.class);

    private record Producer(long version, KafkaProducer<String, byte[]> producer, ExecutorService thread) {
        void close() {
            thread.shutdown();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private final Map<String, Producer> producers = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<SendResult> send(Destination d, Delivery delivery) {
        long started = System.nanoTime();
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        Producer p;
        try {
            p = producer(d);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(SendResult.failed("cannot create a producer: " + e.getMessage(), 0));
        }
        p.thread().execute(() -> {
            try {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(d.settings().topic(), delivery.customerId(),
                        delivery.payload().getBytes(StandardCharsets.UTF_8));
                record.headers().add("webhook-id", delivery.id().getBytes(StandardCharsets.UTF_8));
                record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                p.producer().send(record, (metadata, error) -> result.complete(error == null
                        ? new SendResult(200, null, millisSince(started), "partition " + metadata.partition() + " offset "
                                + metadata.offset(), -1)
                        : SendResult.failed("the broker did not acknowledge: " + error.getMessage(), millisSince(started))));
            } catch (RuntimeException e) {
                result.complete(SendResult.failed("the broker did not take the record: " + e.getMessage(), millisSince(started)));
            }
        });
        return result;
    }

    private Producer producer(Destination d) {
        return producers.compute(d.id(), (id, old) -> {
            if (old != null && old.version() == d.updatedAt()) {
                return old;
            }
            if (old != null) {
                old.close();
            }
            Duration timeout = d.settings().timeout().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : d.settings().timeout();
            KafkaSettings settings = new KafkaSettings(d.settings().bootstrap(), d.settings().topic(), 1, timeout);
            return new Producer(d.updatedAt(), settings.newProducer("tidings-destination-" + d.id()),
                    Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "tidings-destination-kafka-" + d.id());
                        t.setDaemon(true);
                        return t;
                    }));
        });
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void forget(String destinationId) {
        Producer p = producers.remove(destinationId);
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        producers.values().forEach(p -> {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing a destination producer failed: {}", e.getMessage());
            }
        });
        producers.clear();
    }
}
