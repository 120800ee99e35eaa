package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedChangeTest {

    private static final AttributeDefinition CUSTOMER = new AttributeDefinition("customer_id", AttributeType.CUSTOMER,
            true, false, null, null, IdentifierType.MOBILE, true);
    private static final AttributeDefinition AGE = attribute("age", AttributeType.DOUBLE, true, false);
    private static final AttributeDefinition REF = attribute("ref", AttributeType.STRING, true, true);
    private static final AttributeDefinition BOOKING = attribute("booking", AttributeType.STRING, true, true);
    private static final AttributeDefinition NIGHTS = new AttributeDefinition("nights", AttributeType.ENUM, false, false,
            null, List.of("1", "2"), null, false);

    private static AttributeDefinition attribute(String name, AttributeType type, boolean required, boolean uniqueKey) {
        return new AttributeDefinition(name, type, required, uniqueKey, null, null, null, false);
    }

    private static EventDefinition published(AttributeDefinition... attributes) {
        Instant at = Instant.parse("2024-04-11T12:00:00Z");
        return new EventDefinition("0123456789abcdef0123456789abcdef", "default", "be_reserved", "Room reserved", null,
                List.of(attributes), UnknownAttributes.IGNORE, DefinitionStatus.PUBLISHED, TestStatus.VERIFIED, 2, at, at);
    }

    private static List<FieldProblem> change(EventDefinition current, AttributeDefinition... proposed) {
        return DefinitionRules.checkChangeToPublished(current, List.of(proposed));
    }

    @Test
    void allowsTheSameAttributesAgain() {
        assertThat(change(published(CUSTOMER, AGE, NIGHTS), CUSTOMER, AGE, NIGHTS)).isEmpty();
    }

    @Test
    void allowsAddingOptionalAttributesAnywhere() {
        AttributeDefinition note = attribute("note", AttributeType.STRING, false, false);
        assertThat(change(published(CUSTOMER, AGE), note, CUSTOMER, AGE)).isEmpty();
    }

    @Test
    void refusesAddingARequiredAttribute() {
        AttributeDefinition note = attribute("note", AttributeType.STRING, true, false);
        assertThat(change(published(CUSTOMER, AGE), CUSTOMER, AGE, note))
                .extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(tuple("note", "CHANGE_NOT_ALLOWED"));
    }

    @Test
    void refusesRemovingAnAttribute() {
        assertThat(change(published(CUSTOMER, AGE, NIGHTS), CUSTOMER, NIGHTS))
                .extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(tuple("age", "CHANGE_NOT_ALLOWED"));
    }

    @Test
    void refusesChangingAnyPropertyAndNamesWhatChanged() {
        List<AttributeDefinition> changes = List.of(
                attribute("age", AttributeType.INTEGER, true, false),
                attribute("age", AttributeType.DOUBLE, false, false),
                new AttributeDefinition("age", AttributeType.DOUBLE, true, false, "\\d+", null, null, false),
                new AttributeDefinition("customer_id", AttributeType.CUSTOMER, true, false, null, null, IdentifierType.EMAIL, true),
                new AttributeDefinition("customer_id", AttributeType.CUSTOMER, true, false, null, null, IdentifierType.MOBILE, false),
                new AttributeDefinition("nights", AttributeType.ENUM, false, false, null, List.of("1", "2", "3"), null, false),
                attribute("ref", AttributeType.STRING, true, false));
        List<String> expected = List.of("type", "required", "pattern", "identifierType", "addCustomerIfNotExists",
                "values", "uniqueKey");
        for (int i = 0; i < changes.size(); i++) {
            AttributeDefinition changed = changes.get(i);
            List<AttributeDefinition> proposed = new ArrayList<>(List.of(CUSTOMER, AGE, NIGHTS, REF));
            proposed.replaceAll(a -> a.name().equals(changed.name()) ? changed : a);

            List<FieldProblem> problems = DefinitionRules.checkChangeToPublished(published(CUSTOMER, AGE, NIGHTS, REF), proposed);

            assertThat(problems).as(expected.get(i)).extracting(FieldProblem::attribute, FieldProblem::code)
                    .containsExactly(tuple(changed.name(), "CHANGE_NOT_ALLOWED"));
            assertThat(problems.get(0).message()).endsWith("(changed: " + expected.get(i) + ")");
        }
    }

    @Test
    void reportsOneProblemPerOffendingAttribute() {
        AttributeDefinition newRequired = attribute("note", AttributeType.STRING, true, false);
        assertThat(change(published(CUSTOMER, AGE, NIGHTS), CUSTOMER, attribute("age", AttributeType.STRING, false, false),
                newRequired))
                .extracting(FieldProblem::attribute).containsExactly("age", "nights", "note");
    }

    @Test
    void allowsReorderingAttributesThatAreNotPartOfTheKey() {
        assertThat(change(published(CUSTOMER, AGE, NIGHTS, REF), REF, NIGHTS, AGE, CUSTOMER)).isEmpty();
    }

    @Test
    void refusesReorderingUniqueKeyAttributesBecauseTheKeyWouldChange() {
        assertThat(change(published(CUSTOMER, REF, AGE, BOOKING), CUSTOMER, BOOKING, AGE, REF))
                .extracting(FieldProblem::attribute, FieldProblem::code).containsExactly(tuple("booking", "CHANGE_NOT_ALLOWED"));
    }
}
