package dev.tidings.api;

import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.Registry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which attribute names an event-data search should read as dates: those declared DATE in the named
 * event, or, without an event name, in any of the org's events (an attribute name is nearly always
 * one thing across a brand's events; where it is not, a filter value that is not a date is refused).
 */
final class DateAttributes {
    private DateAttributes() {}

    static Set<String> of(Registry registry, String orgId, String eventName) {
        Set<String> names = new HashSet<>();
        List<EventDefinition> definitions = registry.definitions(orgId);
        for (EventDefinition d : definitions) {
            if (eventName != null && !eventName.equals(d.name())) {
                continue;
            }
            for (AttributeDefinition a : d.attributes()) {
                if (a.type() == AttributeType.DATE) {
                    names.add(a.name());
                }
            }
        }
        return names;
    }
}
