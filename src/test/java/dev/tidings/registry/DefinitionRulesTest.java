package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a create/replace request for an event definition may contain; changes after publishing are in {@link PublishedChangeTest}. */
class DefinitionRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CUSTOMER = "{'name':'customer_id','type':'CUSTOMER','required':true,'identifierType':'MOBILE',"
            + "'addCustomerIfNotExists':true}";
    static final String SEED = "{'name':'be_reserved','displayName':'Room reserved','description':'A room was booked',"
            + "'attributes':[" + CUSTOMER + ","
            + "{'name':'age','type':'DOUBLE','required':true},"
            + "{'name':'external_event_id','type':'STRING','required':true,'uniqueKey':true},"
            + "{'name':'hotel_name','type':'STRING','required':true},"
            + "{'name':'room_nights','type':'ENUM','required':true,'values':['1','2','3',12]},"
            + "{'name':'stay_date','type':'DATE'}],"
            + "'unknownAttributes':'REJECT'}";

    static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A definition with the customer and the given extra attribute objects. */
    static String withAttributes(String... attributes) {
        return "{'name':'ev','attributes':[" + CUSTOMER + (attributes.length == 0 ? "" : ",")
                + String.join(",", attributes) + "]}";
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> problems(String singleQuoted) {
        return assertThat(DefinitionRules.parse(json(singleQuoted)).problems())
                .extracting(FieldProblem::attribute, FieldProblem::code);
    }

    @Test
    void readsTheSeedsDefinitionWithEveryAttributeInTheOrderGiven() {
        ParsedDefinition parsed = DefinitionRules.parse(json(SEED));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.name()).isEqualTo("be_reserved");
        assertThat(parsed.displayName()).isEqualTo("Room reserved");
        assertThat(parsed.description()).isEqualTo("A room was booked");
        assertThat(parsed.unknownAttributes()).isEqualTo(UnknownAttributes.REJECT);
        assertThat(parsed.attributes()).extracting(AttributeDefinition::name)
                .containsExactly("customer_id", "age", "external_event_id", "hotel_name", "room_nights", "stay_date");
        assertThat(parsed.attributes().get(0)).isEqualTo(new AttributeDefinition("customer_id", AttributeType.CUSTOMER,
                true, false, null, null, IdentifierType.MOBILE, true));
        assertThat(parsed.attributes().get(4).values()).containsExactly("1", "2", "3", "12");
        assertThat(parsed.attributes().get(5).required()).isFalse();
    }

    @Test
    void defaultsDisplayNameToTheNameAndUnknownAttributesToIgnore() {
        ParsedDefinition parsed = DefinitionRules.parse(json(withAttributes()));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.displayName()).isEqualTo("ev");
        assertThat(parsed.description()).isNull();
        assertThat(parsed.unknownAttributes()).isEqualTo(UnknownAttributes.IGNORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'be_reserved'", "12", "null"})
    void refusesABodyThatIsNotAnObject(String body) {
        problems(body).containsExactly(tuple(null, "INVALID_VALUE"));
    }

    @Test
    void requiresTheEventNameAndTheAttributes() {
        problems("{}").containsExactly(tuple(null, "REQUIRED"), tuple(null, "REQUIRED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'be reserved'", "'be-reserved'", "'é'", "12", "true"})
    void refusesEventNamesThatAreNotLettersDigitsAndUnderscores(String name) {
        problems(withAttributes().replace("'ev'", name)).containsExactly(tuple(null, "INVALID_NAME"));
    }

    @Test
    void limitsTheEventNameTo50Characters() {
        problems(withAttributes().replace("'ev'", "'" + "e".repeat(50) + "'")).isEmpty();
        problems(withAttributes().replace("'ev'", "'" + "e".repeat(51) + "'")).containsExactly(tuple(null, "TOO_LONG"));
    }

    @Test
    void limitsTheDescriptionTo1000Characters() {
        String body = withAttributes().replace("'name':'ev',", "'name':'ev','description':'%s',");
        problems(body.formatted("d".repeat(1000))).isEmpty();
        problems(body.formatted("d".repeat(1001))).containsExactly(tuple(null, "TOO_LONG"));
    }

    @Test
    void refusesDisplayNameAndDescriptionThatAreNotText() {
        problems(withAttributes().replace("'name':'ev',", "'name':'ev','displayName':5,'description':['x'],"))
                .containsExactly(tuple(null, "INVALID_VALUE"), tuple(null, "INVALID_VALUE"));
    }

    @Test
    void acceptsEachUnknownAttributesPolicyAndRefusesOthers() {
        for (UnknownAttributes policy : UnknownAttributes.values()) {
            String body = withAttributes().replace("'name':'ev',", "'name':'ev','unknownAttributes':'" + policy + "',");
            assertThat(DefinitionRules.parse(json(body)).unknownAttributes()).isEqualTo(policy);
        }
        problems(withAttributes().replace("'name':'ev',", "'name':'ev','unknownAttributes':'reject',"))
                .containsExactly(tuple(null, "INVALID_VALUE"));
    }

    @Test
    void refusesUnknownFieldsInTheBodyAndInAttributes() {
        problems(withAttributes("{'name':'age','type':'DOUBLE','colour':'red'}").replace("'name':'ev',", "'name':'ev','tags':[],"))
                .containsExactly(tuple(null, "UNKNOWN_FIELD"), tuple("age", "UNKNOWN_FIELD"));
    }

    @Test
    void skipsTheReadOnlyFieldsOfADefinitionReadBackFromTheApi() {
        problems(withAttributes().replace("'name':'ev',", "'id':'0123','status':'DRAFT','testStatus':'VERIFIED',"
                + "'version':3,'createdAt':'2024-04-11T12:00:00Z','updatedAt':'x','orgId':'o','samplePayload':{},'name':'ev',"))
                .isEmpty();
    }

    @Test
    void allowsAtMost20Attributes() {
        String[] nineteen = new String[19];
        for (int i = 0; i < nineteen.length; i++) {
            nineteen[i] = "{'name':'a" + i + "','type':'STRING'}";
        }
        problems(withAttributes(nineteen)).isEmpty();
        String[] twenty = java.util.Arrays.copyOf(nineteen, 20);
        twenty[19] = "{'name':'a19','type':'STRING'}";
        problems(withAttributes(twenty)).containsExactly(tuple(null, "TOO_MANY_ATTRIBUTES"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'hotel name'", "'hotel.name'", "'ñ'", "5", "{}"})
    void refusesAttributeNamesThatAreNotLettersDigitsAndUnderscores(String name) {
        problems(withAttributes("{'name':" + name + ",'type':'STRING'}"))
                .containsExactly(tuple("attributes[1].name", "INVALID_NAME"));
    }

    @Test
    void limitsAttributeNamesTo50Characters() {
        problems(withAttributes("{'name':'" + "a".repeat(50) + "','type':'STRING'}")).isEmpty();
        problems(withAttributes("{'name':'" + "a".repeat(51) + "','type':'STRING'}"))
                .containsExactly(tuple("attributes[1].name", "TOO_LONG"));
    }

    @Test
    void reportsProblemsOfAnEntryWithoutAUsableNameUnderItsPath() {
        problems(withAttributes("{'type':'ROUND','pattern':'('}"))
                .containsExactly(tuple("attributes[1].name", "REQUIRED"), tuple("attributes[1].type", "INVALID_TYPE"));
        problems(withAttributes("'age'")).containsExactly(tuple("attributes[1]", "INVALID_VALUE"));
    }

    @Test
    void refusesDuplicateAttributeNamesIncludingThoseThatDifferOnlyInCase() {
        problems(withAttributes("{'name':'age','type':'DOUBLE'}", "{'name':'age','type':'INTEGER'}"))
                .containsExactly(tuple("age", "DUPLICATE_ATTRIBUTE"));
        problems(withAttributes("{'name':'age','type':'DOUBLE'}", "{'name':'Age','type':'DOUBLE'}"))
                .containsExactly(tuple("Age", "DUPLICATE_ATTRIBUTE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventDateTime", "event_name", "EVENTDATETIME", "Event_Name"})
    void refusesTheReservedNames(String name) {
        problems(withAttributes("{'name':'" + name + "','type':'DATE'}")).containsExactly(tuple(name, "RESERVED_NAME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'LONG'", "'string'", "5", "null"})
    void refusesTypesOtherThanTheSevenAndListsThem(String type) {
        ParsedDefinition parsed = DefinitionRules.parse(json(withAttributes("{'name':'x','type':" + type + "}")));

        assertThat(parsed.problems()).extracting(FieldProblem::attribute).containsExactly("x");
        assertThat(parsed.problems().get(0).code()).isIn("INVALID_TYPE", "REQUIRED");
        assertThat(parsed.problems().get(0).message())
                .contains("[STRING, DOUBLE, INTEGER, BOOLEAN, DATE, ENUM, CUSTOMER]");
    }

    @Test
    void requiresExactlyOneCustomerAttribute() {
        problems("{'name':'ev','attributes':[{'name':'age','type':'DOUBLE'}]}").containsExactly(tuple(null, "CUSTOMER_COUNT"));
        problems(withAttributes(CUSTOMER.replace("customer_id", "other_id"))).containsExactly(tuple(null, "CUSTOMER_COUNT"));
        problems("{'name':'ev','attributes':[]}").containsExactly(tuple(null, "CUSTOMER_COUNT"));
    }

    @Test
    void requiresTheCustomerAttributeToBeRequiredAndTakesItAsRequiredWhenOmitted() {
        String optional = "{'name':'ev','attributes':[{'name':'c','type':'CUSTOMER','required':false,'identifierType':'EMAIL'}]}";
        problems(optional).containsExactly(tuple("c", "INVALID_VALUE"));
        ParsedDefinition omitted = DefinitionRules.parse(json(optional.replace("'required':false,", "")));
        assertThat(omitted.problems()).isEmpty();
        assertThat(omitted.attributes().get(0).required()).isTrue();
    }

    @Test
    void requiresOneOfTheFiveIdentifierTypesForTheCustomer() {
        problems("{'name':'ev','attributes':[{'name':'c','type':'CUSTOMER'}]}").containsExactly(tuple("c", "REQUIRED"));
        ParsedDefinition parsed = DefinitionRules.parse(json(
                "{'name':'ev','attributes':[{'name':'c','type':'CUSTOMER','identifierType':'PHONE'}]}"));
        assertThat(parsed.problems()).extracting(FieldProblem::code).containsExactly("INVALID_IDENTIFIER_TYPE");
        assertThat(parsed.problems().get(0).message()).contains("[MOBILE, EMAIL, EXTERNAL_ID, USER_ID, CARD_NUMBER]");
    }

    @Test
    void storesEnumValuesAsStrings() {
        ParsedDefinition parsed = DefinitionRules.parse(json(withAttributes("{'name':'n','type':'ENUM','values':[1,'2',2.5]}")));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.attributes().get(1).values()).containsExactly("1", "2", "2.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'1'", "[true]", "[null]", "[[1]]", "[{}]", "['1',1]", "['a','a']"})
    void refusesEnumValuesThatAreEmptyRepeatedOrNotScalar(String values) {
        problems(withAttributes("{'name':'n','type':'ENUM','values':" + values + "}")).containsExactly(tuple("n", "INVALID_VALUES"));
    }

    @Test
    void requiresValuesForAnEnum() {
        problems(withAttributes("{'name':'n','type':'ENUM'}")).containsExactly(tuple("n", "REQUIRED"));
    }

    @Test
    void acceptsAPatternOnlyOnAStringAndOnlyWhenItCompiles() {
        problems(withAttributes("{'name':'s','type':'STRING','pattern':'[A-Z]{3}'}")).isEmpty();
        ParsedDefinition bad = DefinitionRules.parse(json(withAttributes("{'name':'s','type':'STRING','pattern':'[A-Z'}")));
        assertThat(bad.problems()).extracting(FieldProblem::code).containsExactly("INVALID_PATTERN");
        assertThat(bad.problems().get(0).message()).contains("missing closing ]");
        problems(withAttributes("{'name':'s','type':'STRING','pattern':''}")).containsExactly(tuple("s", "INVALID_PATTERN"));
        problems(withAttributes("{'name':'s','type':'STRING','pattern':'" + "a".repeat(501) + "'}"))
                .containsExactly(tuple("s", "TOO_LONG"));
    }

    @Test
    void refusesFieldsThatDoNotApplyToTheType() {
        problems(withAttributes(
                "{'name':'d','type':'DOUBLE','pattern':'\\\\d+'}",
                "{'name':'s','type':'STRING','values':['a']}",
                "{'name':'i','type':'INTEGER','identifierType':'MOBILE'}",
                "{'name':'b','type':'BOOLEAN','addCustomerIfNotExists':true}"))
                .containsExactly(tuple("d", "NOT_APPLICABLE"), tuple("s", "NOT_APPLICABLE"),
                        tuple("i", "NOT_APPLICABLE"), tuple("b", "NOT_APPLICABLE"));
    }

    @Test
    void toleratesFalseAndNullForFieldsThatDoNotApply() {
        problems(withAttributes("{'name':'b','type':'BOOLEAN','addCustomerIfNotExists':false,'pattern':null,"
                + "'values':null,'identifierType':null,'uniqueKey':false,'required':false}")).isEmpty();
    }

    @Test
    void refusesUniqueKeyOnTheCustomerAndOnOptionalAttributes() {
        problems("{'name':'ev','attributes':[{'name':'c','type':'CUSTOMER','identifierType':'MOBILE','uniqueKey':true}]}")
                .containsExactly(tuple("c", "NOT_APPLICABLE"));
        problems(withAttributes("{'name':'ref','type':'STRING','uniqueKey':true}")).containsExactly(tuple("ref", "INVALID_VALUE"));
        problems(withAttributes("{'name':'ref','type':'STRING','uniqueKey':true,'required':true}")).isEmpty();
    }

    @Test
    void refusesFlagsThatAreNotBooleans() {
        problems(withAttributes("{'name':'x','type':'STRING','required':'yes'}")).containsExactly(tuple("x", "INVALID_VALUE"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<FieldProblem> problems = DefinitionRules.parse(json("{'name':'bad name','colour':1,'unknownAttributes':'DROP',"
                + "'attributes':[{'name':'age','type':'DUBLE'},{'name':'age','type':'DOUBLE'},"
                + "{'name':'eventDateTime','type':'DATE'},{'name':'e','type':'ENUM','values':[]},{'type':'STRING'}]}")).problems();

        assertThat(problems).extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(
                tuple(null, "UNKNOWN_FIELD"), tuple(null, "INVALID_NAME"), tuple(null, "INVALID_VALUE"),
                tuple("age", "INVALID_TYPE"), tuple("eventDateTime", "RESERVED_NAME"),
                tuple("e", "INVALID_VALUES"), tuple("attributes[4].name", "REQUIRED"), tuple(null, "CUSTOMER_COUNT"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
}
