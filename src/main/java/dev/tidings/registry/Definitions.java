package dev.tidings.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of event definitions: create and replace a draft, publish once verified, disable for
 * good, and mark verified when the pipeline processed a test event. Every change is a new version.
 * Writes are serialized by this object's lock so versions never collide.
 */
public final class Definitions {
    private final RegistryStore store;
    private final Registry registry;
    private final Clock clock;

    public Definitions(RegistryStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public synchronized EventDefinition create(String orgId, ParsedDefinition parsed) {
        requireValid(parsed);
        if (registry.definition(orgId, parsed.name()) != null) {
            throw exists(parsed.name());
        }
        Instant now = clock.instant();
        EventDefinition d = new EventDefinition(Secrets.newHexId(), orgId, parsed.name(), parsed.displayName(),
                parsed.description(), parsed.attributes(), parsed.unknownAttributes(), DefinitionStatus.DRAFT,
                TestStatus.NOT_VERIFIED, 1, now, now);
        if (!store.insertDefinitionVersion(d)) {
            throw exists(parsed.name());
        }
        registry.catchUp();
        return d;
    }

    /** Replaces a draft entirely (verification starts over); on a published event only adds optional attributes. */
    public synchronized EventDefinition replace(String orgId, String name, ParsedDefinition parsed) {
        EventDefinition current = current(orgId, name);
        requireValid(parsed);
        if (!parsed.name().equals(name)) {
            throw new RegistryException(RegistryFailure.INVALID, "The name in the body must match the path",
                    List.of(FieldProblem.of("name", "NAME_MISMATCH", "name is " + parsed.name() + " but the path names " + name)));
        }
        TestStatus testStatus = TestStatus.NOT_VERIFIED;
        switch (current.status()) {
            case DISABLED -> throw new RegistryException(RegistryFailure.CHANGE_NOT_ALLOWED, "Event " + name + " is disabled");
            case PUBLISHED -> {
                List<FieldProblem> problems = DefinitionRules.checkChangeToPublished(current, parsed.attributes());
                if (!problems.isEmpty()) {
                    throw new RegistryException(RegistryFailure.CHANGE_NOT_ALLOWED,
                            "Event " + name + " is published: only optional attributes may be added", problems);
                }
                testStatus = current.testStatus();
            }
            case DRAFT -> { }
        }
        return save(new EventDefinition(current.id(), orgId, name, parsed.displayName(), parsed.description(),
                parsed.attributes(), parsed.unknownAttributes(), current.status(), testStatus,
                current.version() + 1, current.createdAt(), clock.instant()));
    }

    public synchronized EventDefinition publish(String orgId, String name) {
        EventDefinition current = current(orgId, name);
        return switch (current.status()) {
            case PUBLISHED -> current;
            case DISABLED -> throw new RegistryException(RegistryFailure.CHANGE_NOT_ALLOWED, "Event " + name + " is disabled");
            case DRAFT -> {
                if (current.testStatus() != TestStatus.VERIFIED) {
                    throw new RegistryException(RegistryFailure.NOT_VERIFIED, "Event " + name
                            + " is NOT_VERIFIED: post a test event to a webhook and wait until it is PROCESSED, then publish");
                }
                yield save(with(current, DefinitionStatus.PUBLISHED, current.testStatus()));
            }
        };
    }

    public synchronized EventDefinition disable(String orgId, String name) {
        EventDefinition current = current(orgId, name);
        if (current.status() == DefinitionStatus.DISABLED) {
            return current;
        }
        return save(with(current, DefinitionStatus.DISABLED, current.testStatus()));
    }

    /**
     * The version to write when a test event accepted under {@code version} was processed: the same
     * definition marked VERIFIED, or empty when there is nothing to verify. The pipeline writes it in
     * its own batch, so the verification commits with the event that earned it or not at all.
     */
    public Optional<EventDefinition> verifiedBy(String definitionId, int version) {
        ActiveDefinition accepted = registry.definitionVersion(definitionId, version);
        if (accepted == null) {
            return Optional.empty();
        }
        EventDefinition current = registry.definition(accepted.definition().orgId(), accepted.definition().name()).definition();
        // A test event verifies only the rules it was checked against; a later edit needs a new test.
        if (current.isDraft() && current.testStatus() == TestStatus.NOT_VERIFIED && current.version() == version) {
            return Optional.of(with(current, current.status(), TestStatus.VERIFIED));
        }
        return Optional.empty();
    }

    private EventDefinition current(String orgId, String name) {
        ActiveDefinition active = registry.definition(orgId, name);
        if (active == null) {
            throw RegistryException.notFound("Event " + name);
        }
        return active.definition();
    }

    private EventDefinition with(EventDefinition d, DefinitionStatus status, TestStatus testStatus) {
        return new EventDefinition(d.id(), d.orgId(), d.name(), d.displayName(), d.description(), d.attributes(),
                d.unknownAttributes(), status, testStatus, d.version() + 1, d.createdAt(), clock.instant());
    }

    /** A version another writer (another node, the pipeline) wrote first is a conflict, not a lost write. */
    private EventDefinition save(EventDefinition d) {
        if (!store.insertDefinitionVersion(d)) {
            registry.catchUp();
            throw new RegistryException(RegistryFailure.CONFLICT, "Event " + d.name()
                    + " was changed concurrently; read it again and retry");
        }
        registry.catchUp();
        return d;
    }

    private static void requireValid(ParsedDefinition parsed) {
        if (!parsed.problems().isEmpty()) {
            throw new RegistryException(RegistryFailure.INVALID, "Event definition is invalid", parsed.problems());
        }
    }

    private static RegistryException exists(String name) {
        return new RegistryException(RegistryFailure.ALREADY_EXISTS, "Event " + name + " already exists");
    }
}
