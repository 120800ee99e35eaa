package dev.tidings.registry;

import java.time.Instant;

/** A brand: owns event definitions, webhooks, customers and events. Its API key is kept only as a hash. */
public record Org(String id, String name, Instant createdAt) {}
