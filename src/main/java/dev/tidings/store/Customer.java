package dev.tidings.store;

import dev.tidings.store.EventQuery.Identifier;
import java.util.List;

/** A customer profile: every identifier that finds it within its org. */
public record Customer(String id, String orgId, List<Identifier> identifiers, long createdAt) {}
