package dev.tidings.loyalty;

/**
 * One row of the append-only ledger. {@code points} in hundredths, negative for EXPIRE, REVERSE and
 * spending ADJUST entries. An entry with {@code releaseAt} in the future is PENDING; its status is a
 * function of the clock, so releasing points writes nothing. {@code actor} says who made an ADJUST or
 * REVERSE ({@code root} or {@code org:<id>}); {@code reverses} names the entry a REVERSE or EXPIRE takes back.
 */
public record LedgerEntry(
        long seq,
        String entryId,
        String orgId,
        String customerId,
        EntryType type,
        long points,
        String ruleId,
        Integer ruleVersion,
        String requestId,
        long at,
        Long releaseAt,
        Long expiresAt,
        String note,
        String actor,
        String reverses) {

    public enum Status { PENDING, AVAILABLE }

    public Status status(long now) {
        return releaseAt != null && releaseAt > now ? Status.PENDING : Status.AVAILABLE;
    }
}
