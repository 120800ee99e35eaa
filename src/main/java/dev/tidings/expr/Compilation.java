package dev.tidings.expr;

import java.util.List;

/**
 * The outcome of compiling one expression against one event definition: the compiled expression, or
 * every problem found (syntax, unknown attribute, wrong type), each with its line and column, so a 400
 * can list them all at once.
 */
public record Compilation(EventExpression expression, List<String> problems) {

    public Compilation {
        problems = List.copyOf(problems);
    }

    static Compilation of(EventExpression expression) {
        return new Compilation(expression, List.of());
    }

    static Compilation failed(List<String> problems) {
        return new Compilation(null, problems);
    }

    public boolean ok() {
        return expression != null;
    }
}
