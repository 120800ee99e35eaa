package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.Delivery;
import dev.tidings.destinations.DeliveryQuery;
import dev.tidings.destinations.DeliveryStatus;
import dev.tidings.destinations.DestinationException;
import dev.tidings.destinations.Destinations;
import dev.tidings.destinations.Replay;
import dev.tidings.registry.FieldProblem;
import dev.tidings.store.Cursor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** Admin routes for destinations, their deliveries, attempts and replay (DESIGN §9). */
final class DestinationsApi {
    private static final String BASE = "/api/v1/orgs/:org/destinations";
    private static final Set<String> FIELDS = Set.of("name", "type", "url", "bootstrap", "topic", "events", "filter",
            "headers", "timeout", "retrySchedule", "ordering", "maxInFlight");
    /** PUT also tolerates what a GET returned, so a GET can be edited and sent back. */
    private static final Set<String> UPDATE_FIELDS;
    private static final Set<String> REPLAY_FIELDS = Set.of("status", "from", "to", "requestIds");
    private static final int MAX_REPLAY_IDS = 1000;

    static {
        Set<String> update = new java.util.HashSet<>(FIELDS);
        update.addAll(Set.of("id", "status", "disabledReason", "headerNames", "previousSecretValidUntil", "createdAt",
                "updatedAt"));
        UPDATE_FIELDS = Set.copyOf(update);
    }

    private final Destinations destinations;
    private final Clock clock;

    DestinationsApi(Destinations destinations, Clock clock) {
        this.destinations = destinations;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post(BASE).handler(this::create);
        router.get(BASE).handler(this::list);
        router.get(BASE + "/:id").handler(this::get);
        router.put(BASE + "/:id").handler(this::update);
        router.post(BASE + "/:id/disable").handler(this::disable);
        router.post(BASE + "/:id/enable").handler(this::enable);
        router.post(BASE + "/:id/rotate-secret").handler(this::rotateSecret);
        router.get(BASE + "/:id/deliveries").handler(this::deliveries);
        router.get(BASE + "/:id/deliveries/:deliveryId").handler(this::delivery);
        router.get(BASE + "/:id/deliveries/:deliveryId/attempts").handler(this::attempts);
        router.post(BASE + "/:id/replay").handler(this::replay);
    }

    private void create(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        reply(ctx, 201, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "a destination", FIELDS);
            Destinations.Created created = destinations.create(org, body);
            ObjectNode n = DestinationViews.destination(created.destination(), clock.millis());
            if (created.secret() != null) {
                n.put("secret", created.secret());
            }
            return n;
        });
    }

    private void list(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> RegistryPages.page(destinations.list(org),
                d -> RegistryPages.key(java.time.Instant.ofEpochMilli(d.createdAt()), d.id()),
                d -> DestinationViews.destination(d, clock.millis()), ctx.queryParams(), "destinations"));
    }

    private void get(RoutingContext ctx) {
        reply(ctx, 200, () -> DestinationViews.destination(destinations.get(ctx.pathParam("org"), ctx.pathParam("id")),
                clock.millis()));
    }

    private void update(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "a destination", UPDATE_FIELDS);
            return DestinationViews.destination(destinations.update(ctx.pathParam("org"), ctx.pathParam("id"), body),
                    clock.millis());
        });
    }

    private void disable(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            noBody(ctx, "a disable");
            return DestinationViews.destination(destinations.disable(ctx.pathParam("org"), ctx.pathParam("id")),
                    clock.millis());
        });
    }

    private void enable(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            noBody(ctx, "an enable");
            return DestinationViews.destination(destinations.enable(ctx.pathParam("org"), ctx.pathParam("id")),
                    clock.millis());
        });
    }

    private void rotateSecret(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            noBody(ctx, "a secret rotation");
            Destinations.Created rotated = destinations.rotateSecret(ctx.pathParam("org"), ctx.pathParam("id"));
            return DestinationViews.destination(rotated.destination(), clock.millis()).put("secret", rotated.secret());
        });
    }

    private void deliveries(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        reply(ctx, 200, () -> {
            DeliveryQuery q = ReadParams.deliveries(id, ctx.queryParams());
            DeliveryQuery oneMore = new DeliveryQuery(q.destinationId(), q.status(), q.requestId(), q.from(), q.to(),
                    q.limit() + 1, q.afterCreatedAt(), q.afterId());
            List<Delivery> found = destinations.deliveries(ctx.pathParam("org"), id, oneMore);
            List<Delivery> page = found.size() > q.limit() ? found.subList(0, q.limit()) : found;
            Delivery last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = found.size() > q.limit() ? Cursors.encode(Cursors.DELIVERIES, new Cursor(last.createdAt(), last.id()))
                    : null;
            return Views.list(page, DestinationViews::delivery, next);
        });
    }

    private void delivery(RoutingContext ctx) {
        reply(ctx, 200, () -> DestinationViews.delivery(destinations.delivery(ctx.pathParam("org"), ctx.pathParam("id"),
                ctx.pathParam("deliveryId"))));
    }

    private void attempts(RoutingContext ctx) {
        reply(ctx, 200, () -> DestinationViews.attempts(destinations.attempts(ctx.pathParam("org"), ctx.pathParam("id"),
                ctx.pathParam("deliveryId"))));
    }

    private void replay(RoutingContext ctx) {
        reply(ctx, 202, () -> {
            Replay replay = replayOf(BodyFields.only(Replies.bodyObject(ctx), "a replay", REPLAY_FIELDS));
            int queued = destinations.replay(ctx.pathParam("org"), ctx.pathParam("id"), replay);
            return Replies.mapper().createObjectNode().put("queued", queued);
        });
    }

    /** {@code status}, a time range, requestIds, or several (they combine); at least one. */
    private static Replay replayOf(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        DeliveryStatus status = null;
        JsonNode s = body.get("status");
        if (s != null && !s.isNull()) {
            try {
                status = DeliveryStatus.valueOf(s.asText());
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("status", "INVALID_VALUE", "status must be one of "
                        + List.of(DeliveryStatus.values()) + ", got " + s));
            }
        }
        Long from = body.hasNonNull("from") ? ReadParams.instant(body.get("from").asText(), "from", problems) : null;
        Long to = body.hasNonNull("to") ? ReadParams.instant(body.get("to").asText(), "to", problems) : null;
        List<String> ids = null;
        JsonNode r = body.get("requestIds");
        if (r != null && !r.isNull()) {
            ids = new ArrayList<>();
            if (!r.isArray() || r.isEmpty() || r.size() > MAX_REPLAY_IDS) {
                problems.add(FieldProblem.of("requestIds", "INVALID_VALUE", "requestIds must be a list of 1 to "
                        + MAX_REPLAY_IDS + " request ids"));
            } else {
                for (JsonNode id : r) {
                    if (!id.isTextual() || id.textValue().isBlank()) {
                        problems.add(FieldProblem.of("requestIds", "INVALID_VALUE", "requestIds holds strings, got " + id));
                    } else {
                        ids.add(id.textValue());
                    }
                }
            }
        }
        if (problems.isEmpty() && status == null && from == null && to == null && ids == null) {
            problems.add(FieldProblem.whole("REQUIRED", "say what to replay: status, from/to, requestIds, or several"));
        }
        if (!problems.isEmpty()) {
            throw ReadParams.invalid(problems);
        }
        return new Replay(status, from, to, ids);
    }

    private static void noBody(RoutingContext ctx, String what) {
        if (ctx.body().length() > 0) {
            BodyFields.only(Replies.bodyObject(ctx), what, Set.of());
        }
    }

    /** Runs {@code operation} off the event loop, answering destination refusals with the admin errors. */
    private static void reply(RoutingContext ctx, int status, Callable<? extends JsonNode> operation) {
        Replies.blocking(ctx, status, () -> {
            try {
                return operation.call();
            } catch (DestinationException e) {
                throw new AdminFailure(e.kind() == DestinationException.Kind.NOT_FOUND ? AdminError.NOT_FOUND
                        : AdminError.INVALID_REQUEST, e.getMessage(), e.problems());
            }
        });
    }
}
