package dev.tidings.registry;

import static dev.tidings.registry.TestDefinitions.beReserved;
import static dev.tidings.registry.TestDefinitions.customer;
import static dev.tidings.registry.TestDefinitions.enumOf;
import static dev.tidings.registry.TestDefinitions.event;
import static dev.tidings.registry.TestDefinitions.optional;
import static dev.tidings.registry.TestDefinitions.patterned;
import static dev.tidings.registry.TestDefinitions.required;
import static dev.tidings.registry.TestDefinitions.withCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The whole-event rules; per-type values are in {@link EventValidatorValuesTest}. */
class EventValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** JSON with single quotes, for readability. */
    static ObjectNode body(String singleQuoted) {
        try {
            return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void acceptsTheSeedsExampleAndTypesEveryValue() {
        ValidationResult result = EventValidator.forDefinition(beReserved()).validate(body(
                "{'event_name':'be_reserved','customer_id':'9933772255','age':'20','external_event_id':'ev-1',"
                        + "'hotel_name':'Sea View','room_nights':12,'stay_date':'2024-04-11',"
                        + "'eventDateTime':'2024-04-11 12:00:00'}"));

        assertThat(result.valid()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.attributes()).containsExactly(
                entry("customer_id", "9933772255"),
                entry("age", 20.0),
                entry("external_event_id", "ev-1"),
                entry("hotel_name", "Sea View"),
                entry("room_nights", "12"),
                entry("stay_date", 1712793600000L));
        assertThat(result.customerValue()).isEqualTo("9933772255");
        assertThat(result.eventDateTime()).isEqualTo(1712836800000L);
    }

    @Test
    void reportsEveryProblemAtOnceOnePerAttributeInDefinitionOrder() {
        ValidationResult result = EventValidator.forDefinition(beReserved()).validate(body(
                "{'event_name':'be_reserved','age':'abc','external_event_id':'x','room_nights':'5',"
                        + "'stay_date':'soon','eventDateTime':'yesterday','colour':'red'}"));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(
                tuple("customer_id", "REQUIRED"),
                tuple("age", "WRONG_TYPE"),
                tuple("hotel_name", "REQUIRED"),
                tuple("room_nights", "NOT_IN_ENUM"),
                tuple("stay_date", "BAD_DATE"),
                tuple("eventDateTime", "BAD_DATE"),
                tuple("colour", "UNKNOWN_ATTRIBUTE"));
        assertThat(result.customerValue()).isNull();
        assertThat(result.eventDateTime()).isNull();
    }

    @Test
    void writesMessagesThatNameTheAttributeAndTheValue() {
        ValidationResult result = EventValidator.forDefinition(beReserved()).validate(body(
                "{'age':'abc','room_nights':'5','colour':'red'}"));

        assertThat(result.problems()).extracting(FieldProblem::message).contains(
                "customer_id is mandatory",
                "age must be a finite number (Double), got \"abc\"",
                "hotel_name is mandatory",
                "room_nights must be one of [1, 2, 3, 12], got \"5\"",
                "colour is not an attribute of event be_reserved");
    }

    @Test
    void treatsNullForARequiredAttributeAsMissing() {
        ValidationResult result = EventValidator.forDefinition(withCustomer(required("hotel_name", AttributeType.STRING)))
                .validate(body("{'customer_id':'9933772255','hotel_name':null}"));

        assertThat(result.problems()).containsExactly(FieldProblem.of("hotel_name", "REQUIRED", "hotel_name is mandatory"));
    }

    @Test
    void treatsNullForAnOptionalAttributeAsAbsent() {
        ValidationResult result = EventValidator.forDefinition(withCustomer(optional("stay_date", AttributeType.DATE)))
                .validate(body("{'customer_id':'9933772255','stay_date':null,'eventDateTime':null}"));

        assertThat(result.valid()).isTrue();
        assertThat(result.attributes()).containsOnlyKeys("customer_id");
        assertThat(result.eventDateTime()).isNull();
    }

    @Test
    void leavesAbsentOptionalAttributesOutOfTheTypedValues() {
        ValidationResult result = EventValidator.forDefinition(withCustomer(optional("note", AttributeType.STRING)))
                .validate(body("{'customer_id':'9933772255'}"));

        assertThat(result.attributes()).containsOnlyKeys("customer_id");
    }

    @Test
    void ignoresTheEventNameField() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT, customer(IdentifierType.MOBILE)))
                .validate(body("{'event_name':'something_else','customer_id':'9933772255'}"));

        assertThat(result.valid()).isTrue();
        assertThat(result.attributes()).doesNotContainKey("event_name");
    }

    @Test
    void readsEventDateTimeInAnyAcceptedFormat() {
        EventValidator validator = EventValidator.forDefinition(withCustomer());

        assertThat(validator.validate(body("{'customer_id':'9933772255','eventDateTime':'2024-04-11T17:30:00+05:30'}"))
                .eventDateTime()).isEqualTo(1712836800000L);
        assertThat(validator.validate(body("{'customer_id':'9933772255','eventDateTime':'11-Apr-24'}"))
                .eventDateTime()).isEqualTo(1712793600000L);
    }

    @Test
    void readsEventDateTimeAsEpochMillisecondsOrIsoWithFractionAndZ() {
        EventValidator validator = EventValidator.forDefinition(withCustomer());

        assertThat(validator.validate(body("{'customer_id':'9933772255','eventDateTime':1712836800000}"))
                .eventDateTime()).isEqualTo(1712836800000L);
        assertThat(validator.validate(body("{'customer_id':'9933772255','eventDateTime':'2024-04-11T12:00:00.123Z'}"))
                .eventDateTime()).isEqualTo(1712836800123L);
    }

    @Test
    void rejectsEventDateTimeThatIsNeitherADateNorEpochMilliseconds() {
        EventValidator validator = EventValidator.forDefinition(withCustomer());

        for (String value : new String[] {"'2024-02-30'", "1.5e12", "true", "{}", "[]", "''"}) {
            ValidationResult result = validator.validate(body("{'customer_id':'9933772255','eventDateTime':" + value + "}"));
            assertThat(result.problems()).as(value).extracting(FieldProblem::attribute, FieldProblem::code)
                    .containsExactly(tuple("eventDateTime", "BAD_DATE"));
        }
    }

    @Test
    void namesTheAcceptedFormatsWhenADateIsBad() {
        ValidationResult result = EventValidator.forDefinition(withCustomer())
                .validate(body("{'customer_id':'9933772255','eventDateTime':'tomorrow'}"));

        assertThat(result.problems().get(0).message())
                .startsWith("eventDateTime must be a date in one of the formats yyyy-MM-dd'T'HH:mm:ssXXX")
                .endsWith("got \"tomorrow\"");
    }

    @Test
    void rejectsUnknownAttributeWhenDefinitionSaysReject() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT, customer(IdentifierType.MOBILE)))
                .validate(body("{'customer_id':'9933772255','utm_source':'mail','utm_medium':null}"));

        assertThat(result.problems()).extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(
                tuple("utm_source", "UNKNOWN_ATTRIBUTE"), tuple("utm_medium", "UNKNOWN_ATTRIBUTE"));
    }

    @Test
    void dropsUnknownAttributesWhenDefinitionSaysIgnore() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.IGNORE, customer(IdentifierType.MOBILE)))
                .validate(body("{'customer_id':'9933772255','utm_source':'mail'}"));

        assertThat(result.valid()).isTrue();
        assertThat(result.attributes()).containsOnlyKeys("customer_id");
    }

    @Test
    void keepsUnknownAttributesAsSentAfterTheDeclaredOnesWhenDefinitionSaysKeep() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.KEEP,
                        customer(IdentifierType.MOBILE), optional("age", AttributeType.INTEGER)))
                .validate(body("{'utm':{'source':'mail'},'customer_id':'9933772255','age':'3','eventDateTime':'2024-04-11'}"));

        assertThat(result.valid()).isTrue();
        assertThat(result.attributes().keySet()).containsExactly("customer_id", "age", "utm");
        assertThat(result.attributes().get("age")).isEqualTo(3L);
        assertThat(result.attributes().get("utm")).isInstanceOf(JsonNode.class)
                .hasToString("{\"source\":\"mail\"}");
    }

    @Test
    void neverTreatsADeclaredButInvalidAttributeAsUnknown() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.KEEP,
                        customer(IdentifierType.MOBILE), optional("age", AttributeType.INTEGER)))
                .validate(body("{'customer_id':'9933772255','age':'old'}"));

        assertThat(result.problems()).extracting(FieldProblem::code).containsExactly("WRONG_TYPE");
        assertThat(result.attributes()).containsOnlyKeys("customer_id");
    }

    @Test
    void validatesTheSameWayEveryTimeSoOneValidatorServesAllRequests() {
        EventValidator validator = EventValidator.forDefinition(withCustomer(patterned("code", "[A-Z]{3}"),
                enumOf("size", "S", "M")));
        ObjectNode good = body("{'customer_id':'9933772255','code':'ABC','size':'M'}");
        ObjectNode bad = body("{'customer_id':'9933772255','code':'abc','size':'XL'}");

        for (int i = 0; i < 3; i++) {
            assertThat(validator.validate(good).valid()).isTrue();
            assertThat(validator.validate(bad).problems()).hasSize(2);
        }
    }

    @Test
    void returnsResultsThatCannotBeModified() {
        ValidationResult result = EventValidator.forDefinition(withCustomer()).validate(body("{'customer_id':'9933772255'}"));

        assertThatThrownBy(() -> result.attributes().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.problems().add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
