package dev.tidings.destinations;

/**
 * One event on its way to one destination. {@code id} is the {@code webhook-id}, the same on every
 * attempt. {@code attempts} counts every attempt ever made; {@code roundStart} those made before the
 * last replay, so the schedule restarts on replay while the history keeps counting. Times are epoch ms
 * (0 when not yet); {@code lastStatus} 0 when the last attempt got no HTTP answer.
 */
public record Delivery(
        String id,
        String destinationId,
        String orgId,
        String requestId,
        long seq,
        String customerId,
        long eventAt,
        String payload,
        DeliveryStatus status,
        int attempts,
        int roundStart,
        long nextAttemptAt,
        long lastAttemptAt,
        int lastStatus,
        String lastBody,
        long lastDurationMs,
        String lastError,
        long createdAt) {

    /** Attempts made since the delivery was created or last replayed. */
    public int attemptsThisRound() {
        return attempts - roundStart;
    }
}
