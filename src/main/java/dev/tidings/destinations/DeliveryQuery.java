package dev.tidings.destinations;

/**
 * A page of one destination's deliveries, newest first by creation: null fields do not filter;
 * {@code from} inclusive and {@code to} exclusive (epoch ms of creation); {@code afterCreatedAt} and
 * {@code afterId} the cursor (the last item served), or null.
 */
public record DeliveryQuery(String destinationId, DeliveryStatus status, String requestId, Long from, Long to, int limit,
        Long afterCreatedAt, String afterId) {}
