package dev.tidings.destinations;

import java.util.List;

/**
 * Which deliveries of a destination to send again: by status, by creation time range ({@code from}
 * inclusive, {@code to} exclusive), or by requestIds; the given criteria combine. Replayed deliveries
 * become PENDING, due now, with a fresh schedule.
 */
public record Replay(DeliveryStatus status, Long from, Long to, List<String> requestIds) {
    public Replay {
        requestIds = requestIds == null ? null : List.copyOf(requestIds);
    }
}
