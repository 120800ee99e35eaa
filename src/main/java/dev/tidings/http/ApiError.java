package dev.tidings.http;

/**
 * A failure as HTTP sees it: status, the stable numeric {@code status.code} clients switch on, and a
 * default message. Each boundary (intake, admin API, the HTTP layer itself) has one enum implementing
 * it; {@link ErrorResponses} is the one place that turns any of them into an answer.
 */
public interface ApiError {
    int httpStatus();

    int code();

    String message();
}
