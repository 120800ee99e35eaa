package dev.tidings.registry;

/** Lifecycle of an event definition: DRAFT, then PUBLISHED once verified, then DISABLED for good. */
public enum DefinitionStatus {
    DRAFT, PUBLISHED, DISABLED
}
