package dev.tidings.loyalty;

/**
 * The decision of one rule (or milestone) on one request; at most one exists per (ruleId, requestId),
 * which the store enforces. {@code points} in hundredths, 0 when a cap skipped it; {@code entryId} is the
 * ledger entry, null when nothing was written.
 */
public record Award(String ruleId, String requestId, String orgId, String customerId, int ruleVersion, long eventAt,
        long points, boolean capped, String entryId) {}
