package dev.tidings.api;

import dev.tidings.http.ErrorResponses;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.RegistryException;
import io.vertx.core.http.HttpServerResponse;
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

    /** The admin answer to a refused registry change. */
    public static AdminFailure of(RegistryException e) {
        AdminError error = switch (e.failure()) {
            case INVALID -> AdminError.INVALID_REQUEST;
            case NOT_FOUND -> AdminError.NOT_FOUND;
            case ALREADY_EXISTS -> AdminError.ALREADY_EXISTS;
            case NOT_VERIFIED -> AdminError.NOT_VERIFIED;
            case CHANGE_NOT_ALLOWED -> AdminError.CHANGE_NOT_ALLOWED;
            case CONFLICT -> AdminError.CONFLICT;
        };
        return new AdminFailure(error, e.getMessage(), e.problems());
    }

    public static AdminFailure notFound(String what) {
        return new AdminFailure(AdminError.NOT_FOUND, what + " not found");
    }

    /** Answers with this failure in the shape every error has. */
    public void sendTo(HttpServerResponse response) {
        ErrorResponses.send(response, error, getMessage(), null, problems);
    }

    public AdminError error() {
        return error;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
