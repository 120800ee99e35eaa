package dev.tidings.registry;

import java.util.List;

/** A registry change refused for a known reason: the {@link RegistryFailure}, a message and any problems. */
public final class RegistryException extends RuntimeException {
    private final RegistryFailure failure;
    private final List<FieldProblem> problems;

    public RegistryException(RegistryFailure failure, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.failure = failure;
        this.problems = List.copyOf(problems);
    }

    public RegistryException(RegistryFailure failure, String message) {
        this(failure, message, List.of());
    }

    public static RegistryException notFound(String what) {
        return new RegistryException(RegistryFailure.NOT_FOUND, what + " not found");
    }

    public RegistryFailure failure() {
        return failure;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
