package dev.tidings.loyalty;

import dev.tidings.registry.FieldProblem;
import java.util.List;

/** A loyalty operation refused for a known reason; the admin API maps {@link Failure} to its answer. */
public final class LoyaltyException extends RuntimeException {
    public enum Failure { INVALID, NOT_FOUND, CONFLICT }

    private final Failure failure;
    private final List<FieldProblem> problems;

    public LoyaltyException(Failure failure, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.failure = failure;
        this.problems = List.copyOf(problems);
    }

    public static LoyaltyException notFound(String what) {
        return new LoyaltyException(Failure.NOT_FOUND, what + " not found", List.of());
    }

    public Failure failure() {
        return failure;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
