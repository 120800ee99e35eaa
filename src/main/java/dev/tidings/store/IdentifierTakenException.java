package dev.tidings.store;

import dev.tidings.store.EventQuery.Identifier;

/** A customer could not be registered: one of its identifiers already belongs to a customer of the org. */
public final class IdentifierTakenException extends RuntimeException {
    private final Identifier identifier;

    public IdentifierTakenException(Identifier identifier) {
        super(identifier.type() + " " + identifier.value() + " already belongs to a customer", null, false, false);
        this.identifier = identifier;
    }

    public Identifier identifier() {
        return identifier;
    }
}
