package dev.tidings.destinations;

/**
 * How one attempt went: the HTTP status (0 without an answer) or the error, how long it took, the
 * first KiB of the answer, and the {@code Retry-After} asked for in ms (-1 when none).
 */
public record SendResult(int status, String error, long durationMs, String body, long retryAfterMs) {
    public static final int BODY_EXCERPT = 1024;

    public static SendResult failed(String error, long durationMs) {
        return new SendResult(0, error, durationMs, null, -1);
    }

    /** Success is a 2xx answer in time, nothing else (a 3xx is a failure: redirects are not followed). */
    public boolean success() {
        return error == null && status >= 200 && status < 300;
    }

    /** 410 Gone: the endpoint says it will never take deliveries again. */
    public boolean gone() {
        return status == 410;
    }
}
