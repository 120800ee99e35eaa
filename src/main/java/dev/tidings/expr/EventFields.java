package dev.tidings.expr;

import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.EventDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL view of one definition's events: {@code event} is a struct whose fields are the declared
 * attributes plus {@code eventDateTime}, typed as DESIGN §10 maps them, and the stored event's typed
 * values converted to what CEL's runtime expects (long, double, Instant, String, Boolean).
 */
final class EventFields {
    static final String EVENT_DATE_TIME = "eventDateTime";

    private final Map<String, CelType> types;
    private final StructType struct;

    private EventFields(Map<String, CelType> types, StructType struct) {
        this.types = types;
        this.struct = struct;
    }

    static EventFields of(EventDefinition definition) {
        Map<String, CelType> types = new LinkedHashMap<>();
        for (AttributeDefinition a : definition.attributes()) {
            types.put(a.name(), switch (a.type()) {
                case INTEGER -> SimpleType.INT;
                case DOUBLE -> SimpleType.DOUBLE;
                case DATE -> SimpleType.TIMESTAMP;
                case BOOLEAN -> SimpleType.BOOL;
                case STRING, ENUM, CUSTOMER -> SimpleType.STRING;
            });
        }
        types.put(EVENT_DATE_TIME, SimpleType.TIMESTAMP);
        Map<String, CelType> frozen = Map.copyOf(types);
        // One struct type name per definition: CEL's type provider is per compiler, so names cannot clash.
        StructType struct = StructType.create("tidings.event." + definition.name(), ImmutableSet.copyOf(types.keySet()),
                name -> Optional.ofNullable(frozen.get(name)));
        return new EventFields(frozen, struct);
    }

    StructType struct() {
        return struct;
    }

    /** The activation value of {@code event}: declared attributes only, each as its CEL type; absent ones left out. */
    Map<String, Object> values(Map<String, Object> attributes, long eventDateTimeMs) {
        Map<String, Object> values = new HashMap<>(types.size() * 2);
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            CelType type = types.get(e.getKey());
            Object value = e.getValue();
            if (type == null || value == null) {
                continue;
            }
            Object converted = convert(type, value);
            if (converted != null) {
                values.put(e.getKey(), converted);
            }
        }
        values.put(EVENT_DATE_TIME, Instant.ofEpochMilli(eventDateTimeMs));
        return values;
    }

    private static Object convert(CelType type, Object value) {
        if (type == SimpleType.INT) {
            return value instanceof Number n ? n.longValue() : null;
        }
        if (type == SimpleType.DOUBLE) {
            return value instanceof Number n ? n.doubleValue() : null;
        }
        if (type == SimpleType.TIMESTAMP) {
            return value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
        }
        if (type == SimpleType.BOOL) {
            return value instanceof Boolean ? value : null;
        }
        return value.toString();
    }
}
