package dev.tidings.destinations;

/**
 * What one attempt leads to, decided by the engine and written with the attempt in one transaction:
 * the delivery's new status, when it is next due (PENDING only), and what happens to its destination.
 * {@code disableReason} non-null disables the destination (410, or failing past the disable-after).
 */
public record AttemptOutcome(DeliveryStatus status, long nextAttemptAt, boolean success, String disableReason) {}
