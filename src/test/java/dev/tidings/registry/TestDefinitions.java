package dev.tidings.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Short ways to write the definitions the intake tests validate against. */
final class TestDefinitions {

    private TestDefinitions() {
    }

    static AttributeDefinition customer(IdentifierType type) {
        return new AttributeDefinition("customer_id", AttributeType.CUSTOMER, true, false, null, null, type, true);
    }

    static AttributeDefinition required(String name, AttributeType type) {
        return new AttributeDefinition(name, type, true, false, null, null, null, false);
    }

    static AttributeDefinition optional(String name, AttributeType type) {
        return new AttributeDefinition(name, type, false, false, null, null, null, false);
    }

    static AttributeDefinition enumOf(String name, String... values) {
        return new AttributeDefinition(name, AttributeType.ENUM, false, false, null, List.of(values), null, false);
    }

    static AttributeDefinition patterned(String name, String pattern) {
        return new AttributeDefinition(name, AttributeType.STRING, false, false, pattern, null, null, false);
    }

    static EventDefinition event(UnknownAttributes unknown, AttributeDefinition... attributes) {
        Instant at = Instant.parse("2024-04-11T12:00:00Z");
        return new EventDefinition("0123456789abcdef0123456789abcdef", "default", "be_reserved", "Room reserved",
                null, List.of(attributes), unknown, DefinitionStatus.DRAFT, TestStatus.NOT_VERIFIED, 1, at, at);
    }

    /** A MOBILE customer plus the given attributes, unknown attributes ignored. */
    static EventDefinition withCustomer(AttributeDefinition... attributes) {
        List<AttributeDefinition> all = new ArrayList<>();
        all.add(customer(IdentifierType.MOBILE));
        all.addAll(List.of(attributes));
        return event(UnknownAttributes.IGNORE, all.toArray(AttributeDefinition[]::new));
    }

    /** The seed's be_reserved definition (DESIGN §4). */
    static EventDefinition beReserved() {
        return event(UnknownAttributes.REJECT,
                customer(IdentifierType.MOBILE),
                required("age", AttributeType.DOUBLE),
                new AttributeDefinition("external_event_id", AttributeType.STRING, true, true, null, null, null, false),
                required("hotel_name", AttributeType.STRING),
                new AttributeDefinition("room_nights", AttributeType.ENUM, true, false, null,
                        List.of("1", "2", "3", "12"), null, false),
                optional("stay_date", AttributeType.DATE));
    }
}
