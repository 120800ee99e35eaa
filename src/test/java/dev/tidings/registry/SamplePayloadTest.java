package dev.tidings.registry;

import static dev.tidings.registry.DefinitionRulesTest.CUSTOMER;
import static dev.tidings.registry.DefinitionRulesTest.SEED;
import static dev.tidings.registry.DefinitionRulesTest.json;
import static dev.tidings.registry.DefinitionRulesTest.withAttributes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample body shown with a definition must be accepted by the intake as it is. */
class SamplePayloadTest {

    private static EventDefinition definition(String singleQuotedRequest) {
        ParsedDefinition parsed = DefinitionRules.parse(json(singleQuotedRequest));
        assertThat(parsed.problems()).isEmpty();
        Instant at = Instant.parse("2024-04-11T12:00:00Z");
        return new EventDefinition("0123456789abcdef0123456789abcdef", "default", parsed.name(), parsed.displayName(),
                parsed.description(), parsed.attributes(), parsed.unknownAttributes(), DefinitionStatus.DRAFT,
                TestStatus.NOT_VERIFIED, 1, at, at);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        SEED,
        "{'name':'every_type','unknownAttributes':'REJECT','attributes':[" + CUSTOMER + ","
                + "{'name':'s','type':'STRING','required':true},{'name':'d','type':'DOUBLE','required':true},"
                + "{'name':'i','type':'INTEGER','required':true},{'name':'b','type':'BOOLEAN','required':true},"
                + "{'name':'dt','type':'DATE','required':true},{'name':'e','type':'ENUM','required':true,'values':[7,'x']}]}",
        "{'name':'by_email','attributes':[{'name':'email','type':'CUSTOMER','identifierType':'EMAIL'}]}",
        "{'name':'by_card','attributes':[{'name':'card','type':'CUSTOMER','identifierType':'CARD_NUMBER'}]}",
        "{'name':'by_user','attributes':[{'name':'u','type':'CUSTOMER','identifierType':'USER_ID'}]}",
        "{'name':'by_ext','attributes':[{'name':'x','type':'CUSTOMER','identifierType':'EXTERNAL_ID'}]}",
        "{'name':'patterns','unknownAttributes':'REJECT','attributes':[" + CUSTOMER + ","
                + "{'name':'code','type':'STRING','required':true,'pattern':'[A-Z]{3}\\\\d{3}'},"
                + "{'name':'pin','type':'STRING','pattern':'\\\\d{4}'},"
                + "{'name':'odd','type':'STRING','pattern':'zz[0-9]q'}]}",
    })
    void passesTheIntakeValidation(String request) {
        EventDefinition d = definition(request);
        ObjectNode sample = DefinitionRules.samplePayload(d);

        ValidationResult result = EventValidator.forDefinition(d).validate(sample);

        assertThat(result.problems()).as(sample.toString()).isEmpty();
        assertThat(result.eventDateTime()).isEqualTo(1712836800000L);
    }

    @Test
    void putsTheEventNameFirstAndAPlausibleValueOfEachType() {
        ObjectNode sample = DefinitionRules.samplePayload(definition(SEED));

        assertThat(sample.toString()).isEqualTo(json("{'event_name':'be_reserved','customer_id':'9933772255','age':20.0,"
                + "'external_event_id':'sample','hotel_name':'sample','room_nights':'1',"
                + "'stay_date':'2024-04-11 12:00:00','eventDateTime':'2024-04-11 12:00:00'}").toString());
    }

    @ParameterizedTest(name = "a value matching {0} is generated")
    @ValueSource(strings = {"zz[0-9]q", "[A-Z]{3}-\\\\d{4}", "^INV-[0-9]{6}$", "(?:ab|cd)+x", "\\\\w{2}@\\\\d\\\\.io"})
    void generatesAValueForAPatternNoStockSampleFits(String pattern) {
        EventDefinition d = definition(withAttributes("{'name':'code','type':'STRING','required':true,'pattern':'" + pattern + "'}"));

        ObjectNode sample = DefinitionRules.samplePayload(d);

        assertThat(EventValidator.forDefinition(d).validate(sample).problems()).as(sample.toString()).isEmpty();
        assertThat(DefinitionRules.samplePayloadNotes(d)).isEmpty();
    }

    @Test
    void saysPlainlyWhenNoValueCouldBeGeneratedForAPattern() {
        EventDefinition d = definition(withAttributes("{'name':'greek','type':'STRING','required':true,'pattern':'\\\\p{Greek}{3}'}"));

        assertThat(DefinitionRules.samplePayload(d).has("greek")).isFalse();
        assertThat(DefinitionRules.samplePayloadNotes(d)).singleElement().asString()
                .contains("No value matching the pattern").contains("greek");
    }

    @Test
    void usesAStockSampleWhenOneFits() {
        ObjectNode sample = DefinitionRules.samplePayload(definition(withAttributes(
                "{'name':'pin','type':'STRING','pattern':'\\\\d{4}'}")));

        assertThat(sample.get("pin").textValue()).isEqualTo("1234");
    }
}
