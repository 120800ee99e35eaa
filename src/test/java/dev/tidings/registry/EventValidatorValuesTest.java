package dev.tidings.registry;

import static dev.tidings.registry.EventValidatorTest.body;
import static dev.tidings.registry.TestDefinitions.customer;
import static dev.tidings.registry.TestDefinitions.enumOf;
import static dev.tidings.registry.TestDefinitions.event;
import static dev.tidings.registry.TestDefinitions.optional;
import static dev.tidings.registry.TestDefinitions.patterned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Accepted and refused values for each attribute type, written as JSON literals. */
class EventValidatorValuesTest {

    private static final String ID = "'customer_id':'9933772255'";

    private static ValidationResult validate(AttributeDefinition attribute, String jsonValue) {
        return EventValidator.forDefinition(event(UnknownAttributes.REJECT, customer(IdentifierType.MOBILE), attribute))
                .validate(body("{" + ID + ",'" + attribute.name() + "':" + jsonValue + "}"));
    }

    private static Object accepted(AttributeDefinition attribute, String jsonValue) {
        ValidationResult result = validate(attribute, jsonValue);
        assertThat(result.problems()).as(jsonValue).isEmpty();
        return result.attributes().get(attribute.name());
    }

    private static String refused(AttributeDefinition attribute, String jsonValue) {
        ValidationResult result = validate(attribute, jsonValue);
        assertThat(result.problems()).as(jsonValue).hasSize(1);
        FieldProblem problem = result.problems().get(0);
        assertThat(problem.attribute()).isEqualTo(attribute.name());
        assertThat(result.attributes()).doesNotContainKey(attribute.name());
        return problem.code();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "20      | 20.0", "20.5 | 20.5", "-3 | -3.0", "'20' | 20.0", "'-2.5e3' | -2500.0", "'.5' | 0.5",
        "'+7' | 7.0", "1e308 | 1e308", "12345678901234567890 | 1.2345678901234567E19",
    })
    void acceptsNumbersAndNumericStringsAsDouble(String json, double expected) {
        assertThat(accepted(optional("age", AttributeType.DOUBLE), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'abc'", "'NaN'", "'Infinity'", "'-Infinity'", "''", "'  '", "' 20'", "'20 '",
        "'0x10'", "'1d'", "'1f'", "'1e'", "'.'", "'-'", "'1.2.3'", "'1e400'", "1e400", "true", "'true'"})
    void refusesWhatIsNotAFiniteNumberAsDouble(String json) {
        assertThat(refused(optional("age", AttributeType.DOUBLE), json)).isEqualTo("WRONG_TYPE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "3 | 3", "-3 | -3", "'3' | 3", "3.0 | 3", "'3.0' | 3", "'3e2' | 300", "1e2 | 100",
        "9223372036854775807 | 9223372036854775807", "-9223372036854775808 | -9223372036854775808",
        "'9223372036854775807' | 9223372036854775807", "'-9223372036854775808' | -9223372036854775808",
        "'0000000000000000000000042' | 42",
    })
    void acceptsIntegralValuesAsInteger(String json, long expected) {
        assertThat(accepted(optional("nights", AttributeType.INTEGER), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "'2.5'", "'abc'", "''", "'NaN'", "true", "'false'", "9223372036854775808",
        "-9223372036854775809", "'9223372036854775808'", "1e19", "'1e999999999'", "1e400", "'3.0000001'"})
    void refusesFractionsAndValuesOutside64BitsAsInteger(String json) {
        assertThat(refused(optional("nights", AttributeType.INTEGER), json)).isEqualTo("WRONG_TYPE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "true | true", "false | false", "'true' | true", "'FALSE' | false", "'True' | true",
    })
    void acceptsBooleansAndTheirTextAsBoolean(String json, boolean expected) {
        assertThat(accepted(optional("vip", AttributeType.BOOLEAN), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "'yes'", "'1'", "''", "'t'"})
    void refusesAnythingElseAsBoolean(String json) {
        assertThat(refused(optional("vip", AttributeType.BOOLEAN), json)).isEqualTo("WRONG_TYPE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'hello' | hello", "'' | \"\"", "20 | 20", "20.5 | 20.5", "true | true", "-7 | -7",
    })
    void acceptsStringsNumbersAndBooleansAsStringKeepingTheirText(String json, String expected) {
        assertThat(accepted(optional("note", AttributeType.STRING), json)).isEqualTo(expected);
    }

    @Test
    void refusesStringsLongerThan8192Characters() {
        AttributeDefinition note = optional("note", AttributeType.STRING);
        assertThat(accepted(note, "'" + "x".repeat(8192) + "'")).asString().hasSize(8192);
        assertThat(refused(note, "'" + "x".repeat(8193) + "'")).isEqualTo("TOO_LONG");
    }

    @Test
    void requiresTheWholeStringToMatchThePattern() {
        AttributeDefinition code = patterned("code", "[A-Z]{3}");
        assertThat(accepted(code, "'ABC'")).isEqualTo("ABC");
        assertThat(refused(code, "'ABCD'")).isEqualTo("PATTERN_MISMATCH");
        assertThat(refused(code, "'xABC'")).isEqualTo("PATTERN_MISMATCH");
        assertThat(validate(code, "'abc'").problems().get(0).message())
                .isEqualTo("code must match the pattern [A-Z]{3}, got \"abc\"");
    }

    @Test
    void appliesThePatternToNumbersSentForAString() {
        AttributeDefinition pin = patterned("pin", "\\d{4}");
        assertThat(accepted(pin, "1234")).isEqualTo("1234");
        assertThat(refused(pin, "12.5")).isEqualTo("PATTERN_MISMATCH");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'2024-04-11 12:00:00' | 1712836800000", "'2024-04-11T12:00:00Z' | 1712836800000",
        "1712836800000 | 1712836800000", "0 | 0", "-86400000 | -86400000",
    })
    void acceptsDateStringsAndEpochMillisAsDate(String json, long expected) {
        assertThat(accepted(optional("stay_date", AttributeType.DATE), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'2024-02-30'", "'tomorrow'", "''", "'1712836800000'", "1712836800000.5", "true",
        "99999999999999999999"})
    void refusesOtherValuesAsDate(String json) {
        assertThat(refused(optional("stay_date", AttributeType.DATE), json)).isEqualTo("BAD_DATE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"'12' | 12", "12 | 12", "12.0 | 12", "'M' | M", "true | true"})
    void comparesEnumValuesAsStringsAndStoresTheDeclaredValue(String json, String expected) {
        assertThat(accepted(enumOf("size", "1", "12", "M", "true"), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'m'", "'12.0'", "13", "12.5", "''", "' M'"})
    void refusesValuesThatAreNotDeclaredForAnEnum(String json) {
        assertThat(refused(enumOf("size", "1", "12", "M"), json)).isEqualTo("NOT_IN_ENUM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{'a':1}", "[1,2]"})
    void refusesObjectsAndArraysForEveryType(String json) {
        for (AttributeType type : new AttributeType[] {AttributeType.STRING, AttributeType.DOUBLE,
                AttributeType.INTEGER, AttributeType.BOOLEAN, AttributeType.DATE}) {
            assertThat(refused(optional("x", type), json)).as(type.name()).isEqualTo("WRONG_TYPE");
        }
        assertThat(refused(enumOf("x", "a"), json)).isEqualTo("WRONG_TYPE");
        assertThat(validate(optional("x", AttributeType.STRING), json).problems().get(0).message())
                .endsWith(json.startsWith("{") ? "got an object" : "got an array");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "MOBILE | '9933772255'", "MOBILE | 9933772255", "MOBILE | '123456'",
        "EMAIL | 'jane@example.com'", "EMAIL | 'a@b'", "EXTERNAL_ID | 'ext-42'", "USER_ID | 42",
        "CARD_NUMBER | '4000 1234 5678 9010'",
    })
    void acceptsPlausibleCustomerIdentifiersAsText(IdentifierType type, String json) {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT, customer(type)))
                .validate(body("{'customer_id':" + json + "}"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.customerValue()).isEqualTo(json.replace("'", ""));
        assertThat(result.attributes().get("customer_id")).isEqualTo(result.customerValue());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "MOBILE | '9933772255x'", "MOBILE | '12345'", "MOBILE | '+'", "MOBILE | '123456789012345678901'",
        "MOBILE | '++9933772255'", "MOBILE | '+91 12'", "MOBILE | '+999 12345678'", "EMAIL | 'jane'",
        "EMAIL | '@example.com'", "EMAIL | 'jane@'", "USER_ID | '   '", "USER_ID | true", "USER_ID | {}", "CARD_NUMBER | []",
    })
    void refusesImplausibleCustomerIdentifiers(IdentifierType type, String json) {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT, customer(type)))
                .validate(body("{'customer_id':" + json + "}"));

        assertThat(result.problems()).extracting(FieldProblem::attribute, FieldProblem::code)
                .containsExactly(tuple("customer_id", "WRONG_TYPE"));
        assertThat(result.problems().get(0).message()).contains(type.name());
        assertThat(result.customerValue()).isNull();
    }

    @ParameterizedTest(name = "{0} is the customer 919876543210")
    @ValueSource(strings = {"+91 98765 43210", "+91-98765-43210", "+919876543210", "+91 (98765) 43210"})
    void normalisesAnInternationalMobileToE164DigitsAndKeepsTheOriginal(String sent) {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.MOBILE))).validate(body("{'customer_id':'" + sent + "'}"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.customerValue()).isEqualTo("919876543210");
        assertThat(result.attributes().get("customer_id")).isEqualTo(sent);
    }

    @Test
    void dropsTheSeparatorsOfANationalMobile() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.MOBILE))).validate(body("{'customer_id':'99337-72255'}"));

        assertThat(result.customerValue()).isEqualTo("9933772255");
        assertThat(result.attributes().get("customer_id")).isEqualTo("99337-72255");
    }

    @ParameterizedTest(name = "an empty {0} that is required is REQUIRED")
    @ValueSource(strings = {"STRING", "DOUBLE", "INTEGER", "DATE", "BOOLEAN"})
    void anEmptyStringForARequiredAttributeIsRequired(AttributeType type) {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.MOBILE), TestDefinitions.required("x", type)))
                .validate(body("{" + ID + ",'x':''}"));

        assertThat(result.problems()).extracting(FieldProblem::attribute, FieldProblem::code)
                .containsExactly(tuple("x", "REQUIRED"));
    }

    @Test
    void anEmptyCustomerIdentifierIsRequired() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.EXTERNAL_ID))).validate(body("{'customer_id':''}"));

        assertThat(result.problems()).extracting(FieldProblem::code).containsExactly("REQUIRED");
    }

    @Test
    void aNumberBeyondDoubleIsNotReportedNorStoredAsInfinity() {
        for (AttributeType type : new AttributeType[] {AttributeType.DOUBLE, AttributeType.INTEGER, AttributeType.STRING}) {
            ValidationResult result = validate(optional("x", type), "1e400");

            assertThat(result.problems()).as(type.name()).extracting(FieldProblem::code).containsExactly("WRONG_TYPE");
            assertThat(result.problems().get(0).message()).doesNotContain("Infinity").contains("beyond the range");
        }
    }

    @Test
    void refusesCustomerIdentifiersLongerThan256Characters() {
        ValidationResult result = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.EXTERNAL_ID))).validate(body("{'customer_id':'" + "x".repeat(257) + "'}"));

        assertThat(result.problems()).extracting(FieldProblem::code).containsExactly("WRONG_TYPE");
    }

    @Test
    void quotesOnlyTheStartOfALongOffendingValue() {
        String message = validate(optional("age", AttributeType.DOUBLE), "'" + "x".repeat(500) + "'")
                .problems().get(0).message();

        assertThat(message).hasSizeLessThan(150).endsWith("…\"");
    }
}
