package dev.tidings.log;

/** A log entry read back with its position; positions grow in commit order and are never reused. */
public record LoggedEvent(long position, LogEntry entry) {}
