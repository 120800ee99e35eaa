package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.registry.RegistryException;
import dev.tidings.store.StoreException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an admin operation off the event loop (they touch the store) and answers with its JSON, or
 * with the mapped error. Unknown exceptions are logged once and answered 500: a 500 is a bug.
 */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {}

    static void blocking(RoutingContext ctx, int status, Callable<? extends JsonNode> operation) {
        ctx.vertx().executeBlocking(operation, false).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, status, result.result());
            } else {
                failure(ctx, result.cause());
            }
        });
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(body.toString()));
    }

    static void failure(RoutingContext ctx, Throwable cause) {
        if (cause instanceof AdminFailure f) {
            f.sendTo(ctx.response());
        } else if (cause instanceof RegistryException r) {
            AdminFailure.of(r).sendTo(ctx.response());
        } else if (cause instanceof StoreException) {
            LOG.warn("Store failure on {} {}: {}", ctx.request().method(), ctx.request().path(), cause.getMessage());
            (new AdminFailure(AdminError.STORE_UNAVAILABLE, null)).sendTo(ctx.response());
        } else {
            LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), cause);
            (new AdminFailure(AdminError.INTERNAL, null)).sendTo(ctx.response());
        }
    }

    /** The JSON object body of an admin request, or a 400/415 failure naming what is wrong. */
    static JsonNode bodyObject(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new AdminFailure(AdminError.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        try {
            Buffer body = ctx.body().buffer();
            JsonNode node = body == null || body.length() == 0 ? null : JSON.readTree(body.getBytes());
            if (node == null || !node.isObject()) {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "Body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new AdminFailure(AdminError.INVALID_REQUEST, "Body is not valid JSON: " + e.getMessage(), List.of());
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
