package dev.tidings.loyalty;

/** A customer's progress towards a milestone in one window; {@code current} in hundredths. */
public record Progress(String milestoneId, String customerId, long windowStart, long current, Long achievedAt) {}
