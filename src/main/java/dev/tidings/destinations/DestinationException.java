package dev.tidings.destinations;

import dev.tidings.registry.FieldProblem;
import java.util.List;

/** A destination operation refused for a known reason; the admin API maps {@link Kind} to its error codes. */
public final class DestinationException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND }

    private final Kind kind;
    private final List<FieldProblem> problems;

    public DestinationException(Kind kind, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    static DestinationException invalid(List<FieldProblem> problems) {
        List<String> fields = problems.stream().map(p -> p.attribute() == null ? "filter" : p.attribute()).distinct().toList();
        return new DestinationException(Kind.INVALID, "Invalid destination: " + String.join(", ", fields), problems);
    }

    static DestinationException notFound(String what) {
        return new DestinationException(Kind.NOT_FOUND, what + " not found", List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
