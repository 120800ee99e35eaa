package dev.tidings.intake;

import dev.tidings.http.ErrorResponses;
import dev.tidings.registry.FieldProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An intake answer as a value, so that it can be remembered for an {@code Idempotency-Key} and replayed
 * byte for byte. {@code retryAfterSeconds} is 0 but for 429 and 503.
 */
record IntakeAnswer(int status, Buffer body, long retryAfterSeconds) {
    private static final byte[] OK_PREFIX =
            "{\"status\":{\"code\":1100,\"message\":\"Event is pushed to transformation state\"},\"requestId\":\""
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    static final String OK_MESSAGE = "Event is pushed to transformation state";

    /** The single post's 1100, exactly as DESIGN §3 has it. */
    static IntakeAnswer ok(String requestId) {
        return new IntakeAnswer(200, Buffer.buffer(96).appendBytes(OK_PREFIX).appendString(requestId).appendBytes(OK_SUFFIX), 0);
    }

    static IntakeAnswer error(IntakeError error, String message, String requestId, List<FieldProblem> problems) {
        return new IntakeAnswer(error.httpStatus(), Buffer.buffer(
                ErrorResponses.body(error.code(), message == null ? error.message() : message, requestId, problems).toString()), 0);
    }

    static IntakeAnswer rejected(Intake.Reject r) {
        return error(r.error(), r.message(), r.requestId(), r.problems());
    }

    IntakeAnswer retryAfter(long seconds) {
        return new IntakeAnswer(status, body, seconds);
    }

    void send(HttpServerResponse response) {
        ErrorResponses.sendBody(response, status, body, retryAfterSeconds);
    }
}
