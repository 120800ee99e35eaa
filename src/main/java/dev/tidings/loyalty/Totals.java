package dev.tidings.loyalty;

/**
 * A customer's balance as of a moment, all in hundredths: {@code balance} available points,
 * {@code pending} not yet released, the totals earned, expired and reversed (positive numbers), and
 * the available points that expire within 30 days. balance + pending is the sum of the whole ledger.
 */
public record Totals(long balance, long pending, long earned, long expired, long reversed, long expiringSoon) {}
