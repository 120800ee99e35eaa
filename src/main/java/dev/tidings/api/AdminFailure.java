package dev.tidings.api;

import dev.tidings.registry.FieldProblem;
import java.util.List;

/** An admin operation refused for a known reason; {@link ErrorResponses} turns it into the JSON answer. */
public final class AdminFailure extends RuntimeException {
    private final AdminError error;
    private final List<FieldProblem> problems;

    public AdminFailure(AdminError error, String message, List<FieldProblem> problems) {
        super(message == null ? error.message() : message, null, false, false);
        this.error = error;
        this.problems = List.copyOf(problems);
    }

    public AdminFailure(AdminError error, String message) {
        this(error, message, List.of());
    }

    public static AdminFailure notFound(String what) {
        return new AdminFailure(AdminError.NOT_FOUND, what + " not found");
    }

    public AdminError error() {
        return error;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
