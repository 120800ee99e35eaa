package dev.tidings.store;

/**
 * A request-log search of one org, newest receipt first. Null fields do not filter. {@code from} is
 * inclusive and {@code to} exclusive (epoch ms), so adjacent windows never count a request twice.
 */
public record LogQuery(
        String orgId,
        String eventName,
        RequestStatus status,
        Boolean test,
        Long from,
        Long to,
        int limit,
        Cursor after) {}
