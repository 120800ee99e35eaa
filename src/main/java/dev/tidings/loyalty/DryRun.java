package dev.tidings.loyalty;

import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Org;
import dev.tidings.registry.Registry;
import dev.tidings.registry.ValidationResult;
import dev.tidings.store.StoredEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import dev.tidings.registry.IdentifierType;

/**
 * {@code POST …/loyalty/evaluate}: an event as it would be posted, validated like the intake, evaluated
 * against every rule and milestone of its event (inactive ones say so) with the customer's real cap
 * usage and progress, and nothing written.
 */
public final class DryRun {
    private final LoyaltyStore store;
    private final Registry registry;
    private final Evaluator evaluator;
    private final Clock clock;

    public DryRun(LoyaltyStore store, Registry registry, Evaluator evaluator, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    public record Result(String eventName, String customerId, long eventDateTime, List<Outcome> outcomes) {}

    /** {@code customerIdOf} finds the stored customer for the event's identifier (empty when unknown). */
    public Result evaluate(String orgId, ObjectNode body,
            BiFunction<IdentifierType, String, Optional<String>> customerIdOf) {
        String name = body.path("event_name").isTextual() ? body.get("event_name").asText() : null;
        if (name == null) {
            throw invalid(FieldProblem.of("event_name", "REQUIRED", "event.event_name names the event to evaluate"));
        }
        ActiveDefinition definition = registry.definition(orgId, name);
        if (definition == null || definition.definition().status() == DefinitionStatus.DISABLED) {
            throw invalid(FieldProblem.of("event_name", "UNKNOWN_EVENT", "the org has no enabled event named " + name));
        }
        ValidationResult typed = definition.validator().validate(body);
        if (!typed.valid()) {
            throw new LoyaltyException(LoyaltyException.Failure.INVALID, "Event " + name + " failed validation",
                    typed.problems());
        }
        long now = clock.millis();
        long at = typed.eventDateTime() == null ? now : typed.eventDateTime();
        AttributeDefinition customer = definition.definition().customerAttribute();
        String customerId = typed.customerValue() == null ? null
                : customerIdOf.apply(customer.identifierType(), typed.customerValue()).orElse(null);
        StoredEvent event = new StoredEvent("dry-run", orgId, name, new StoredEvent.CustomerRef(
                customerId == null ? "" : customerId, customer.identifierType().name(), typed.customerValue()),
                at, now, typed.attributes(), false, false, null);
        List<Earning> earnings = new ArrayList<>();
        for (boolean milestones : new boolean[] {false, true}) {
            for (Earning e : store.earnings(orgId, milestones)) {
                if (e.event().equals(name)) {
                    earnings.add(e);
                }
            }
        }
        List<Outcome> outcomes = evaluator.evaluate(earnings, definition.definition(), event,
                registry.org(orgId).map(Org::zone).orElse(ZoneOffset.UTC), store);
        return new Result(name, customerId, at, outcomes);
    }

    private static LoyaltyException invalid(FieldProblem p) {
        return new LoyaltyException(LoyaltyException.Failure.INVALID, p.message(), List.of(p));
    }
}
