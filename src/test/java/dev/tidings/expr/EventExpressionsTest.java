package dev.tidings.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.TestStatus;
import dev.tidings.registry.UnknownAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventExpressionsTest {
    private static final long MAY_1 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final EventDefinition STAY = definition(
            attribute("customer_id", AttributeType.CUSTOMER, true),
            attribute("room_nights", AttributeType.INTEGER, true),
            attribute("amount", AttributeType.DOUBLE, false),
            attribute("hotel_name", AttributeType.STRING, true),
            attribute("member", AttributeType.BOOLEAN, false),
            attribute("stay_date", AttributeType.DATE, false),
            new AttributeDefinition("tier", AttributeType.ENUM, false, false, null, List.of("gold", "silver"), null, false));

    @Test
    void evaluatesConditionsOverEveryAttributeType() {
        EventExpression condition = compiled("event.room_nights >= 2 && event.amount > 99.5 && event.hotel_name == 'Indiranagar'"
                + " && event.member && event.tier == 'gold' && event.customer_id.startsWith('99')"
                + " && event.stay_date > timestamp('2024-01-01T00:00:00Z') && event.eventDateTime < timestamp('2025-01-01T00:00:00Z')",
                ExprType.CONDITION);

        Map<String, Object> attributes = Map.of("room_nights", 12L, "amount", 120.0, "hotel_name", "Indiranagar",
                "member", true, "tier", "gold", "customer_id", "9933772255",
                "stay_date", Instant.parse("2024-06-01T00:00:00Z").toEpochMilli());

        assertThat(condition.evaluate(attributes, MAY_1).isTrue()).isTrue();
        assertThat(condition.evaluate(Map.of("room_nights", 1L), MAY_1).isTrue()).isFalse();
    }

    @Test
    void pointsAreIntOrDoubleAsTheExpressionSays() {
        EventExpression intPoints = compiled("event.room_nights * 100", ExprType.NUMBER);
        EventExpression doublePoints = compiled("event.amount * 1.5", ExprType.NUMBER);

        assertThat(intPoints.resultType()).isEqualTo(Long.class);
        assertThat(intPoints.evaluate(Map.of("room_nights", 12L), MAY_1).value()).isEqualTo(1200L);
        assertThat(doublePoints.resultType()).isEqualTo(Double.class);
        assertThat(doublePoints.evaluate(Map.of("amount", 10.0), MAY_1).value()).isEqualTo(15.0);
    }

    @Test
    void listsEveryProblemWithItsPosition() {
        Compilation unknown = EventExpressions.compile("event.nights > 2", ExprType.CONDITION, STAY);
        Compilation wrongType = EventExpressions.compile("event.hotel_name > 2", ExprType.CONDITION, STAY);
        Compilation syntax = EventExpressions.compile("event.room_nights >=", ExprType.CONDITION, STAY);
        Compilation notBool = EventExpressions.compile("event.room_nights * 2", ExprType.CONDITION, STAY);
        Compilation notNumber = EventExpressions.compile("event.hotel_name", ExprType.NUMBER, STAY);

        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.problems()).singleElement().asString()
                .startsWith("1:6: unknown attribute 'nights'");
        assertThat(wrongType.problems()).singleElement().asString().contains("no matching overload");
        assertThat(syntax.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("1:"));
        assertThat(notBool.problems()).singleElement().asString().contains("a condition must give bool");
        assertThat(notNumber.problems()).singleElement().asString().contains("points must be int or double");
    }

    @Test
    void boundsTheSourceAndOffersNoLoops() {
        assertThat(EventExpressions.compile("1 + ".repeat(400) + "1", ExprType.NUMBER, STAY).problems())
                .singleElement().asString().contains("at most 1000");
        assertThat(EventExpressions.compile("[1, 2].all(x, x > 0)", ExprType.CONDITION, STAY).ok()).isFalse();
        assertThat(EventExpressions.compile("", ExprType.CONDITION, STAY).problems()).containsExactly("the expression is empty");
    }

    @Test
    void aMissingOptionalAttributeIsAnErrorNotAMatchAndHasTestsForIt() {
        EventExpression needsAmount = compiled("event.amount > 1.0", ExprType.CONDITION);
        EventExpression guarded = compiled("has(event.amount) && event.amount > 1.0", ExprType.CONDITION);

        Evaluation missing = needsAmount.evaluate(Map.of("room_nights", 2L), MAY_1);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.isTrue()).isFalse();
        assertThat(guarded.evaluate(Map.of("room_nights", 2L), MAY_1)).isEqualTo(new Evaluation(false, null));
    }

    @Test
    void overflowIsAnErrorNotAWrongNumber() {
        EventExpression huge = compiled("event.room_nights * 9223372036854775807", ExprType.NUMBER);

        assertThat(huge.evaluate(Map.of("room_nights", 2L), MAY_1).ok()).isFalse();
    }

    private static EventExpression compiled(String source, ExprType type) {
        Compilation c = EventExpressions.compile(source, type, STAY);
        assertThat(c.problems()).isEmpty();
        return c.expression();
    }

    private static AttributeDefinition attribute(String name, AttributeType type, boolean required) {
        return new AttributeDefinition(name, type, required, false, null, null,
                type == AttributeType.CUSTOMER ? IdentifierType.MOBILE : null, type == AttributeType.CUSTOMER);
    }

    private static EventDefinition definition(AttributeDefinition... attributes) {
        Instant at = Instant.parse("2024-04-11T12:00:00Z");
        return new EventDefinition("0123456789abcdef0123456789abcdef", "default", "be_reserved", "Room reserved", null,
                List.of(attributes), UnknownAttributes.IGNORE, DefinitionStatus.PUBLISHED, TestStatus.VERIFIED, 1, at, at);
    }
}
