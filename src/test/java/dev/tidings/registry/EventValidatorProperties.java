package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever a sender posts, validation answers with problems or typed values, never an exception. */
class EventValidatorProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NAMES = {"s", "d", "i", "b", "dt", "e", "p"};

    private static EventDefinition everyType(IdentifierType identifier, UnknownAttributes unknown) {
        return TestDefinitions.event(unknown,
                TestDefinitions.customer(identifier),
                TestDefinitions.optional("s", AttributeType.STRING),
                TestDefinitions.required("d", AttributeType.DOUBLE),
                TestDefinitions.optional("i", AttributeType.INTEGER),
                TestDefinitions.optional("b", AttributeType.BOOLEAN),
                TestDefinitions.optional("dt", AttributeType.DATE),
                TestDefinitions.enumOf("e", "1", "12", "M"),
                TestDefinitions.patterned("p", "[a-z]+\\d*"));
    }

    @Property(tries = 2000)
    void neverThrowsAndIsValidExactlyWhenThereAreNoProblems(
            @ForAll IdentifierType identifier, @ForAll UnknownAttributes unknown,
            @ForAll("values") JsonNode customer, @ForAll("values") JsonNode v1, @ForAll("values") JsonNode v2,
            @ForAll("values") JsonNode v3, @ForAll("values") JsonNode v4, @ForAll("values") JsonNode v5,
            @ForAll("values") JsonNode v6, @ForAll("values") JsonNode v7, @ForAll("values") JsonNode extra) {
        ObjectNode body = NODES.objectNode();
        body.put("event_name", "be_reserved");
        body.set("customer_id", customer);
        JsonNode[] values = {v1, v2, v3, v4, v5, v6, v7};
        for (int i = 0; i < NAMES.length; i++) {
            body.set(NAMES[i], values[i]);
        }
        body.set("extra", extra);
        body.set("eventDateTime", v5);

        ValidationResult result = EventValidator.forDefinition(everyType(identifier, unknown)).validate(body);

        assertThat(result.valid()).isEqualTo(result.problems().isEmpty());
        for (FieldProblem problem : result.problems()) {
            assertThat(problem.code()).matches("[A-Z_]+");
            assertThat(problem.message()).isNotBlank();
            assertThat(result.attributes()).doesNotContainKey(problem.attribute());
        }
        assertTyped(result.attributes());
    }

    @Property(tries = 1000)
    void acceptsEveryNumericTextAsADoubleExactlyWhenJavaReadsItAsAFiniteNumber(@ForAll("numericText") String text) {
        ObjectNode body = NODES.objectNode().put("customer_id", "9933772255").put("d", text);

        ValidationResult result = EventValidator.forDefinition(everyType(IdentifierType.MOBILE, UnknownAttributes.IGNORE))
                .validate(body);

        if (result.valid()) {
            assertThat((Double) result.attributes().get("d")).isEqualTo(Double.parseDouble(text)).isFinite();
        }
    }

    private static void assertTyped(Map<String, Object> attributes) {
        attributes.forEach((name, value) -> {
            Class<?> expected = switch (name) {
                case "customer_id", "s", "e", "p" -> String.class;
                case "d" -> Double.class;
                case "i", "dt" -> Long.class;
                case "b" -> Boolean.class;
                default -> JsonNode.class;
            };
            assertThat(value).as(name).isInstanceOf(expected);
        });
    }

    @Provide
    Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(List.of(
                Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
                numericText().map(NODES::textNode),
                Arbitraries.of("true", "FALSE", "NaN", "Infinity", "-Infinity", "", " ", "2024-04-11 12:00:00",
                        "2024-02-30", "11-Apr-24", "9933772255", "+919933772255", "jane@example.com", "@", "12",
                        "M", "abc12", "1e999999999").map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 2.5, 12.0)
                        .map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30"))
                        .map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode())));
        return Arbitraries.frequencyOf(
                Tuple.of(8, scalars),
                Tuple.of(1, scalars.list().ofMaxSize(3).map(list -> NODES.arrayNode().addAll(list))),
                Tuple.of(1, scalars.map(v -> NODES.objectNode().set("k", v))));
    }

    @Provide
    Arbitrary<String> numericText() {
        return Arbitraries.strings().withChars("0123456789+-.eE").ofMinLength(1).ofMaxLength(12);
    }
}
