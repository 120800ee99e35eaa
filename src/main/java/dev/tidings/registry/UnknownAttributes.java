package dev.tidings.registry;

/** What the intake does with body fields the definition does not declare. */
public enum UnknownAttributes {
    /** Answer 400 with UNKNOWN_ATTRIBUTE for each one. */
    REJECT,
    /** Accept the event and leave the fields out of the stored attributes (the default: senders often add tracking fields). */
    IGNORE,
    /** Accept the event and store the fields as they were sent. */
    KEEP
}
