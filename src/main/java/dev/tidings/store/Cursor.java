package dev.tidings.store;

/**
 * A keyset position in a newest-first list: the sort time and request id of the last item served. The
 * next page holds the items strictly before it in (time, requestId) order, so pages never overlap or
 * skip, however many rows arrive meanwhile.
 */
public record Cursor(long at, String requestId) {}
