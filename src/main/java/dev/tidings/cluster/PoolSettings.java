package dev.tidings.cluster;

import java.time.Duration;

/**
 * The connection pool's size and patience. A node's work is short transactions (one pipeline batch,
 * one admin write, one read page), so a few connections per node keep PostgreSQL's per-connection
 * memory low across many nodes while never starving the event loop's callers.
 *
 * @param name              the pool's name in logs and thread names
 * @param maximumSize       connections at most; PostgreSQL's default {@code max_connections} is 100,
 *                          so ten nodes at the default of 10 fit
 * @param connectionTimeout how long a caller waits for a connection before a retryable failure; the
 *                          default 5 s matches the intake's broker timeout so readiness turns 503 at once
 */
public record PoolSettings(String name, int maximumSize, Duration connectionTimeout) {
    public static final int DEFAULT_MAXIMUM_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public PoolSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("pool name must not be empty");
        }
        // Flyway migrates on one connection while it holds its lock on another.
        if (maximumSize < 2) {
            throw new IllegalArgumentException("pool size must be at least 2");
        }
        // HikariCP refuses less than 250 ms.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connection timeout must be at least 250ms");
        }
    }

    public static PoolSettings defaults(String name) {
        return new PoolSettings(name, DEFAULT_MAXIMUM_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    public PoolSettings withConnectionTimeout(Duration timeout) {
        return new PoolSettings(name, maximumSize, timeout);
    }
}
