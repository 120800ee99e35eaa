package dev.tidings.loyalty;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The decision of one rule (or milestone) on one request; at most one exists per (ruleId, requestId),
 * which the store enforces. {@code points} in hundredths, 0 when a cap skipped it; {@code entryId} is the
 * ledger entry, null when nothing was written.
 */
public record Award(String ruleId, String requestId, String orgId, String customerId, int ruleVersion, long eventAt,
        long points, boolean capped, String entryId) {

    /** The ledger entry id of a rule's award for a request: derived, so the ledger's own key refuses a second one too. */
    public static String entryId(String ruleId, String requestId) {
        return UUID.nameUUIDFromBytes((ruleId + "/" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
