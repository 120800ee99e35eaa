package dev.tidings.registry;

import com.google.re2j.Pattern;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A string that a STRING attribute's pattern accepts, for sample payloads: the shortest string of the
 * pattern's automaton (dk.brics.automaton). brics reads a slightly different syntax than RE2, so the
 * common shorthands are spelled out first, and every example is checked against the RE2 pattern the
 * intake really uses: a sample that the intake would refuse is never offered.
 *
 * <p>Patterns were bounded when saved ({@link PatternCost}), so building the automaton is cheap; the
 * result is remembered per pattern because definitions are shown far more often than they change.
 */
final class PatternExamples {
    private static final int MAX_REMEMBERED = 10_000;
    private static final Map<String, Optional<String>> REMEMBERED = new ConcurrentHashMap<>();

    private PatternExamples() {}

    static Optional<String> of(String pattern) {
        Optional<String> known = REMEMBERED.get(pattern);
        if (known != null) {
            return known;
        }
        if (REMEMBERED.size() >= MAX_REMEMBERED) {
            REMEMBERED.clear();
        }
        Optional<String> example = generate(pattern);
        REMEMBERED.put(pattern, example);
        return example;
    }

    private static Optional<String> generate(String pattern) {
        try {
            // RegExp.NONE: &, ~, #, @, < and " are ordinary characters, as in RE2.
            Automaton automaton = new RegExp(toBrics(pattern), RegExp.NONE).toAutomaton();
            String example = automaton.getShortestExample(true);
            if (example != null && Pattern.compile(pattern).matches(example)) {
                return Optional.of(example);
            }
        } catch (RuntimeException e) {
            // brics does not read this pattern (Unicode classes, flags, …): no example, said plainly by the caller.
        }
        return Optional.empty();
    }

    /** RE2 shorthands brics lacks; anchors are dropped because STRING patterns match the whole value. */
    private static String toBrics(String pattern) {
        String p = pattern;
        if (p.startsWith("^")) {
            p = p.substring(1);
        }
        if (p.endsWith("$") && !p.endsWith("\\$")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replace("\\d", "[0-9]").replace("\\w", "[A-Za-z0-9_]").replace("\\s", "[ ]")
                .replace("(?:", "(");
    }
}
