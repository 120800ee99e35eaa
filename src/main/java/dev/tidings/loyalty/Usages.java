package dev.tidings.loyalty;

import java.util.Optional;

/**
 * What evaluating a rule needs to know of the past: cap usage and milestone progress. The engine reads
 * it inside its transaction (seeing its own writes); the dry run reads what is committed.
 */
public interface Usages {

    /** Awards with points, and their sum, that a rule gave the customer for events in the span. */
    Usage usage(String ruleId, String customerId, Window.Span span);

    Optional<Progress> progress(String milestoneId, String customerId, long windowStart);
}
