package dev.tidings.destinations;

import java.util.concurrent.CompletionStage;

/**
 * Sends one delivery to its destination without blocking the caller: the stage completes, never
 * exceptionally, once the endpoint answered, failed or timed out. One per destination type
 * ({@link WebhookSender}; the Kafka one lives in {@code cluster}, wired by {@code app}).
 */
public interface Sender extends AutoCloseable {

    CompletionStage<SendResult> send(Destination destination, Delivery delivery);

    /** The destination changed or went away: drop what was kept for it (clients, producers). */
    void forget(String destinationId);

    @Override
    void close();
}
