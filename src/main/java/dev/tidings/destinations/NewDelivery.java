package dev.tidings.destinations;

/** A delivery to create for one outbox entry and one matching destination. */
public record NewDelivery(String id, String destinationId, String orgId, String requestId, long seq, String customerId,
        long eventAt, String payload) {}
