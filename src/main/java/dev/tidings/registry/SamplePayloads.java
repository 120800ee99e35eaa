package dev.tidings.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the example body shown next to a definition, so a brand can copy it into curl and see its
 * first test event accepted. Every value is chosen to pass the intake's validation.
 */
final class SamplePayloads {

    static final String SAMPLE_DATE = "2024-04-11 12:00:00";
    /** Tried in order against a STRING pattern; covers the shapes admins usually constrain. */
    private static final String[] PATTERN_CANDIDATES = {
        "sample", "SAMPLE", "Sample", "sample1", "SAMPLE1", "12345", "1234", "123456", "1", "a", "A", "A1",
        "abc", "ABC", "ABC123", "abc123", "ABC-123", "sample-1", "sample_1", "jane@example.com",
        "https://example.com", "2024-04-11", "12:00", "+919933772255", "9933772255", "0",
    };

    private SamplePayloads() {
    }

    /** The example body and, for each attribute no valid value could be made for, a sentence saying so. */
    record Sample(ObjectNode body, List<String> notes) {}

    static ObjectNode of(EventDefinition d) {
        return sample(d).body();
    }

    static Sample sample(EventDefinition d) {
        List<String> notes = new ArrayList<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("event_name", d.name());
        for (AttributeDefinition a : d.attributes()) {
            switch (a.type()) {
                case CUSTOMER -> body.put(a.name(), customerValue(a.identifierType()));
                case DOUBLE -> body.put(a.name(), 20.0);
                case INTEGER -> body.put(a.name(), 1);
                case BOOLEAN -> body.put(a.name(), true);
                case DATE -> body.put(a.name(), SAMPLE_DATE);
                case ENUM -> body.put(a.name(), a.values().get(0));
                case STRING -> putString(body, a, notes);
            }
        }
        body.put("eventDateTime", SAMPLE_DATE);
        return new Sample(body, List.copyOf(notes));
    }

    private static void putString(ObjectNode body, AttributeDefinition a, List<String> notes) {
        if (a.pattern() == null) {
            body.put(a.name(), "sample");
            return;
        }
        Pattern pattern = Pattern.compile(a.pattern());
        for (String candidate : PATTERN_CANDIDATES) {
            if (pattern.matches(candidate)) {
                body.put(a.name(), candidate);
                return;
            }
        }
        Optional<String> example = PatternExamples.of(a.pattern());
        if (example.isPresent()) {
            body.put(a.name(), example.get());
            return;
        }
        // Never a value the intake would refuse: the attribute is left out, and the answer says why.
        notes.add("No value matching the pattern " + a.pattern() + " of " + a.name() + " could be generated; "
                + (a.required() ? "add " + a.name() + " with a value that matches before posting this sample"
                        : a.name() + " is left out (it is optional)"));
    }

    private static String customerValue(IdentifierType type) {
        if (type == null) {
            return "9933772255";
        }
        return switch (type) {
            case MOBILE -> "9933772255";
            case EMAIL -> "jane@example.com";
            case EXTERNAL_ID -> "ext-1001";
            case USER_ID -> "user-1001";
            case CARD_NUMBER -> "4000123412341234";
        };
    }
}
