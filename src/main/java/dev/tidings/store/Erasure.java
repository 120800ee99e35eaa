package dev.tidings.store;

import java.util.Map;

/**
 * What erasing one customer removed (GDPR, issue 12 item 14): the customer's id and, per kind of row,
 * how many rows went, in the order {@link CustomerErasure} deletes them ({@code events}, {@code requests},
 * {@code ledgerEntries}, {@code identifiers}…).
 */
public record Erasure(String customerId, Map<String, Integer> erased) {
    public Erasure {
        erased = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(erased));
    }
}
