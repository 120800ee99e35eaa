package dev.tidings.loyalty;

/** What rules and milestones have in common: an id, a version, the event they act on, and a status. */
public sealed interface Earning permits Rule, Milestone {
    String id();

    String orgId();

    String name();

    String event();

    String condition();

    RuleStatus status();

    int version();

    java.time.Instant createdAt();

    java.time.Instant updatedAt();
}
