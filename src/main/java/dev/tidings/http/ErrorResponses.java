package dev.tidings.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.FieldProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The one place where failures become HTTP answers. Every error, intake or admin, has the same shape:
 * {@code {"status":{"code","message"},"requestId"?,"errors":[{attribute?,code,message}]}}.
 */
public final class ErrorResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
    private static final CharSequence BASIC_CHALLENGE = HttpHeaders.createOptimized("Basic realm=\"tidings\"");

    private ErrorResponses() {}

    public static void send(HttpServerResponse response, ApiError error, String message, String requestId,
            List<FieldProblem> problems) {
        if (error.httpStatus() == 503 || error.httpStatus() == 429) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        } else if (error.httpStatus() == 401) {
            // RFC 9110: a 401 names the scheme; clients such as curl --anyauth need it to retry.
            response.putHeader(WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        end(response, error.httpStatus(), body(error.code(), message == null ? error.message() : message, requestId,
                problems));
    }

    /**
     * An answer whose body is already made (the intake's batch answers and idempotent replays), with the
     * headers its status calls for; {@code retryAfterSeconds} overrides the default wait of 429 and 503.
     */
    public static void sendBody(HttpServerResponse response, int status, Buffer body, long retryAfterSeconds) {
        if (status == 503 || status == 429) {
            response.putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds > 0 ? Long.toString(retryAfterSeconds) : RETRY_AFTER_SECONDS);
        } else if (status == 401) {
            response.putHeader(WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
    }

    /** The {@code errors} array alone, as the log records it for rejected requests. */
    public static String errorsJson(List<FieldProblem> problems) {
        return problemsNode(problems).toString();
    }

    public static ObjectNode body(int code, String message, String requestId, List<FieldProblem> problems) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode status = root.putObject("status");
        status.put("code", code);
        status.put("message", message);
        if (requestId != null) {
            root.put("requestId", requestId);
        }
        root.set("errors", problemsNode(problems));
        return root;
    }

    private static ArrayNode problemsNode(List<FieldProblem> problems) {
        ArrayNode errors = JSON.createArrayNode();
        for (FieldProblem p : problems) {
            ObjectNode e = errors.addObject();
            if (p.attribute() != null) {
                e.put("attribute", p.attribute());
            }
            e.put("code", p.code());
            e.put("message", p.message());
        }
        return errors;
    }

    private static void end(HttpServerResponse response, int status, ObjectNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                .end(Buffer.buffer(body.toString()));
    }
}
