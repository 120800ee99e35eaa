package dev.tidings.destinations;

import dev.tidings.expr.Compilation;
import dev.tidings.expr.EventExpression;
import dev.tidings.expr.EventExpressions;
import dev.tidings.expr.ExprType;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destination filters: CEL conditions over {@code event}, type-checked against each event definition
 * the destination takes. When saved, every problem of every named event is reported; with
 * {@code "*"} the filter must fit at least one definition, and a definition it does not type-check
 * against is simply not matched (DESIGN §9). Compiled programs are cached per destination version and
 * definition version, so matching an event costs one map lookup and one evaluation.
 */
public final class EventFilters {
    private final Registry registry;
    private final Map<String, Optional<EventExpression>> compiled = new ConcurrentHashMap<>();

    public EventFilters(Registry registry) {
        this.registry = registry;
    }

    /** Every problem of these settings' events and filter in this org, empty when it may be saved. */
    public List<FieldProblem> problems(String orgId, DestinationSettings s) {
        List<FieldProblem> problems = new ArrayList<>();
        List<EventDefinition> targets = new ArrayList<>();
        if (s.events().contains("*")) {
            targets.addAll(registry.definitions(orgId));
        } else {
            for (String name : s.events()) {
                ActiveDefinition a = registry.definition(orgId, name);
                if (a == null) {
                    problems.add(FieldProblem.of("events", "UNKNOWN_EVENT", "event " + name + " is not defined in org " + orgId));
                } else {
                    targets.add(a.definition());
                }
            }
        }
        if (s.filter() == null) {
            return problems;
        }
        List<FieldProblem> filterProblems = new ArrayList<>();
        int fits = 0;
        for (EventDefinition d : targets) {
            Compilation c = EventExpressions.compile(s.filter(), ExprType.CONDITION, d);
            if (c.ok()) {
                fits++;
            } else {
                c.problems().forEach(p -> filterProblems.add(FieldProblem.of("filter", "INVALID_FILTER",
                        "filter for event " + d.name() + ": " + p)));
            }
        }
        if (s.events().contains("*")) {
            if (fits == 0) {
                problems.addAll(filterProblems);
                if (targets.isEmpty()) {
                    problems.add(FieldProblem.of("filter", "INVALID_FILTER",
                            "filter cannot be checked: org " + orgId + " has no event definitions yet"));
                }
            }
        } else {
            problems.addAll(filterProblems);
        }
        return problems;
    }

    /** Whether the destination takes this stored event: its name is listed and its filter, if any, is true. */
    public boolean matches(Destination d, StoredEvent event) {
        DestinationSettings s = d.settings();
        if (!s.takes(event.eventName())) {
            return false;
        }
        if (s.filter() == null) {
            return true;
        }
        ActiveDefinition a = registry.definition(event.orgId(), event.eventName());
        if (a == null) {
            return false;
        }
        EventDefinition def = a.definition();
        Optional<EventExpression> e = compiled.computeIfAbsent(d.id() + "@" + d.updatedAt() + "/" + def.id() + "@" + def.version(),
                k -> Optional.ofNullable(EventExpressions.compile(s.filter(), ExprType.CONDITION, def).expression()));
        return e.isPresent() && e.get().evaluate(event).isTrue();
    }

    /** Drops programs of destination versions no longer current. */
    void retain(List<Destination> current) {
        List<String> prefixes = current.stream().map(d -> d.id() + "@" + d.updatedAt() + "/").toList();
        compiled.keySet().removeIf(k -> prefixes.stream().noneMatch(k::startsWith));
    }
}
