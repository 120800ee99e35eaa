package dev.tidings.loyalty;

/**
 * What the engine made of one request, for its request view: a one-line {@code message} and the
 * per-rule results as JSON. {@code dryRun} for test events of a draft definition, which earn nothing.
 */
public record Evaluation(String requestId, String orgId, long at, boolean dryRun, String message, String results) {}
