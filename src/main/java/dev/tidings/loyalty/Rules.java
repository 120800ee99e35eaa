package dev.tidings.loyalty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The lifecycle of rules and milestones: create, replace (version bumped), activate and deactivate.
 * Expressions are type-checked against the event's current definition when saved. Concurrent writers
 * of one rule (two nodes) meet at the store's version check: one wins, the other gets a CONFLICT.
 */
public final class Rules {
    private final LoyaltyStore store;
    private final Registry registry;
    private final Clock clock;

    public Rules(LoyaltyStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public Earning create(String orgId, boolean milestone, JsonNode body) {
        Instant now = clock.instant();
        Earning e = parse(orgId, milestone, body, Secrets.newHexId(), 1, now, now);
        store.insert(e);
        return e;
    }

    public Earning replace(String orgId, boolean milestone, String id, JsonNode body) {
        Earning current = get(orgId, milestone, id);
        Earning e = parse(orgId, milestone, body, id, current.version() + 1, current.createdAt(), clock.instant());
        return save(e, current.version());
    }

    public Earning setStatus(String orgId, boolean milestone, String id, RuleStatus status) {
        Earning current = get(orgId, milestone, id);
        if (current.status() == status) {
            return current;
        }
        Earning e = current instanceof Rule r ? r.withStatus(status, clock.instant())
                : ((Milestone) current).withStatus(status, clock.instant());
        return save(e, current.version());
    }

    public Earning get(String orgId, boolean milestone, String id) {
        return store.earning(orgId, id).filter(e -> (e instanceof Milestone) == milestone)
                .orElseThrow(() -> LoyaltyException.notFound((milestone ? "Milestone " : "Rule ") + id));
    }

    public List<Earning> list(String orgId, boolean milestone) {
        return store.earnings(orgId, milestone);
    }

    private Earning save(Earning e, int previousVersion) {
        if (!store.update(e, previousVersion)) {
            throw new LoyaltyException(LoyaltyException.Failure.CONFLICT, (e instanceof Milestone ? "Milestone " : "Rule ")
                    + e.id() + " was changed concurrently; read it again and retry", List.of());
        }
        return e;
    }

    private Earning parse(String orgId, boolean milestone, JsonNode body, String id, int version, Instant createdAt,
            Instant now) {
        Function<String, EventDefinition> definitions = name -> {
            ActiveDefinition d = registry.definition(orgId, name);
            return d == null ? null : d.definition();
        };
        return milestone ? RuleParser.milestone(body, definitions, id, orgId, version, createdAt, now)
                : RuleParser.rule(body, definitions, id, orgId, version, createdAt, now);
    }
}
