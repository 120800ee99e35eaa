package dev.tidings.registry;

/**
 * Every way a change to the registry (orgs, definitions, webhooks) can be refused. A value, not an
 * HTTP status: the admin API maps each one to its answer.
 */
public enum RegistryFailure {
    /** The input breaks a rule; the problems say which. */
    INVALID,
    NOT_FOUND,
    ALREADY_EXISTS,
    /** Publish asked for before a test event verified the definition. */
    NOT_VERIFIED,
    /** The change is not allowed in the entity's current state. */
    CHANGE_NOT_ALLOWED,
    /** Another writer (possibly on another node) changed the entity first; read it again and retry. */
    CONFLICT
}
