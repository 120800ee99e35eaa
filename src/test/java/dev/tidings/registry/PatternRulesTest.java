package dev.tidings.registry;

import static dev.tidings.registry.DefinitionRulesTest.withAttributes;
import static dev.tidings.registry.DefinitionRulesTest.json;
import static dev.tidings.registry.EventValidatorTest.body;
import static dev.tidings.registry.TestDefinitions.customer;
import static dev.tidings.registry.TestDefinitions.event;
import static dev.tidings.registry.TestDefinitions.patterned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * STRING patterns run on the event loop, so they are RE2 (linear time): what RE2 cannot run is refused
 * when the definition is saved, and so is a pattern whose counted repetitions would blow up when compiled.
 */
class PatternRulesTest {

    private static ParsedDefinition parse(String pattern) {
        return DefinitionRules.parse(json(withAttributes("{'name':'code','type':'STRING','pattern':'" + pattern + "'}")));
    }

    @ParameterizedTest(name = "{0} is refused: RE2 cannot run it")
    @ValueSource(strings = {"(a)\\\\1", "(?=a)a", "(?<!x)y", "a{1001}"})
    void backreferencesLookaroundAndHugeCountsAreRefusedWhenSaved(String pattern) {
        assertThat(parse(pattern).problems()).extracting(FieldProblem::attribute, FieldProblem::code)
                .containsExactly(tuple("code", "INVALID_PATTERN"));
    }

    @ParameterizedTest(name = "{0} is refused as too costly")
    @ValueSource(strings = {"((a{999}){999}){999}", "(a{200}){200}", "((ab){100}c){100}"})
    void nestedCountsThatExpandBeyondTheBoundAreRefusedBeforeCompiling(String pattern) {
        assertThat(parse(pattern).problems()).extracting(FieldProblem::code).containsExactly("PATTERN_TOO_COSTLY");
    }

    @Test
    void aPatternLongerThanTheCapIsRefused() {
        assertThat(parse("a".repeat(AttributeParser.MAX_PATTERN_LENGTH + 1)).problems())
                .extracting(FieldProblem::code).containsExactly("TOO_LONG");
    }

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"^(a+)+$", "(x+x+)+y", "[A-Z]{3}-\\\\d{4}", "(a{99}){99}"})
    void ordinaryAndClassicallyCatastrophicPatternsAreAccepted(String pattern) {
        assertThat(parse(pattern).problems()).isEmpty();
    }

    @Test
    void theClassicCatastrophicInputIsAnsweredAsAMismatch() {
        EventValidator validator = EventValidator.forDefinition(event(UnknownAttributes.REJECT,
                customer(IdentifierType.MOBILE), patterned("code", "^(a+)+$")));

        ValidationResult result = validator.validate(body("{'customer_id':'9933772255','code':'" + "a".repeat(5000) + "!'}"));

        assertThat(result.problems()).extracting(FieldProblem::code).containsExactly("PATTERN_MISMATCH");
    }
}
