package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryException;
import dev.tidings.registry.Webhooks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/** Admin routes for orgs, event definitions and webhooks (DESIGN §4). */
final class RegistryApi {
    private final Registry registry;
    private final Orgs orgs;
    private final Definitions definitions;
    private final Webhooks webhooks;
    private final Supplier<String> baseUrl;
    private final String cluster;

    RegistryApi(Registry registry, Orgs orgs, Definitions definitions, Webhooks webhooks, Supplier<String> baseUrl, String cluster) {
        this.registry = registry;
        this.orgs = orgs;
        this.definitions = definitions;
        this.webhooks = webhooks;
        this.baseUrl = baseUrl;
        this.cluster = cluster;
    }

    void mount(Router router) {
        router.post("/api/v1/orgs").handler(this::createOrg);
        router.get("/api/v1/orgs/:org").handler(this::getOrg);
        router.post("/api/v1/orgs/:org/events").handler(this::createEvent);
        router.get("/api/v1/orgs/:org/events").handler(this::listEvents);
        router.get("/api/v1/orgs/:org/events/:name").handler(this::getEvent);
        router.put("/api/v1/orgs/:org/events/:name").handler(this::replaceEvent);
        router.post("/api/v1/orgs/:org/events/:name/publish").handler(this::publishEvent);
        router.post("/api/v1/orgs/:org/events/:name/disable").handler(this::disableEvent);
        router.post("/api/v1/orgs/:org/webhooks").handler(this::createWebhook);
        router.get("/api/v1/orgs/:org/webhooks").handler(this::listWebhooks);
        router.get("/api/v1/orgs/:org/webhooks/:id").handler(this::getWebhook);
        router.put("/api/v1/orgs/:org/webhooks/:id").handler(this::updateWebhook);
        router.post("/api/v1/orgs/:org/webhooks/:id/rotate").handler(this::rotateWebhook);
        router.post("/api/v1/orgs/:org/webhooks/:id/disable").handler(this::disableWebhook);
    }

    private void createOrg(RoutingContext ctx) {
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        if (!principal.isRoot()) {
            (new AdminFailure(AdminError.FORBIDDEN, "Only the root token may create orgs")).sendTo(ctx.response());
            return;
        }
        Replies.blocking(ctx, 201, () -> {
            JsonNode body = Replies.bodyObject(ctx);
            Orgs.Created created = orgs.create(text(body, "id"), text(body, "name"));
            ObjectNode n = Views.org(created.org());
            n.put("apiKey", created.apiKey());
            return n;
        });
    }

    private void getOrg(RoutingContext ctx) {
        Replies.json(ctx, 200, Views.org(registry.org(ctx.pathParam("org")).orElseThrow()));
    }

    private void createEvent(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 201, () -> Views.definition(definitions.create(org, DefinitionRules.parse(Replies.bodyObject(ctx)))));
    }

    private void listEvents(RoutingContext ctx) {
        Replies.json(ctx, 200, Views.list(registry.definitions(ctx.pathParam("org")), Views::definition, null));
    }

    private void getEvent(RoutingContext ctx) {
        var active = registry.definition(ctx.pathParam("org"), ctx.pathParam("name"));
        if (active == null) {
            (AdminFailure.notFound("Event " + ctx.pathParam("name"))).sendTo(ctx.response());
            return;
        }
        Replies.json(ctx, 200, Views.definition(active.definition()));
    }

    private void replaceEvent(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String name = ctx.pathParam("name");
        Replies.blocking(ctx, 200, () -> Views.definition(
                definitions.replace(org, name, DefinitionRules.parse(Replies.bodyObject(ctx)))));
    }

    private void publishEvent(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String name = ctx.pathParam("name");
        Replies.blocking(ctx, 200, () -> Views.definition(definitions.publish(org, name)));
    }

    private void disableEvent(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String name = ctx.pathParam("name");
        Replies.blocking(ctx, 200, () -> Views.definition(definitions.disable(org, name)));
    }

    private void createWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 201, () -> {
            JsonNode body = ctx.body().length() == 0 ? Replies.mapper().createObjectNode() : Replies.bodyObject(ctx);
            Webhooks.WithCredential created = webhooks.create(org, new Webhooks.Spec(
                    text(body, "name"), bool(body, "uniquenessCheck"), text(body, "id"), text(body, "credential")));
            return withCredential(created);
        });
    }

    private void listWebhooks(RoutingContext ctx) {
        Replies.json(ctx, 200, Views.list(registry.webhooks(ctx.pathParam("org")),
                w -> Views.webhook(w, baseUrl.get(), cluster), null));
    }

    private void getWebhook(RoutingContext ctx) {
        try {
            Replies.json(ctx, 200, Views.webhook(webhooks.owned(ctx.pathParam("org"), ctx.pathParam("id")), baseUrl.get(), cluster));
        } catch (RegistryException e) {
            AdminFailure.of(e).sendTo(ctx.response());
        }
    }

    private void updateWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> {
            JsonNode body = Replies.bodyObject(ctx);
            return Views.webhook(webhooks.update(org, id, text(body, "name"), bool(body, "uniquenessCheck")), baseUrl.get(), cluster);
        });
    }

    private void rotateWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> withCredential(webhooks.rotate(org, id)));
    }

    private void disableWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> Views.webhook(webhooks.disable(org, id), baseUrl.get(), cluster));
    }

    private ObjectNode withCredential(Webhooks.WithCredential w) {
        ObjectNode n = Views.webhook(w.webhook(), baseUrl.get(), cluster);
        n.put("credential", w.credential());
        return n;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new AdminFailure(AdminError.INVALID_REQUEST, field + " must be a string",
                    List.of(dev.tidings.registry.FieldProblem.of(field, "WRONG_TYPE", field + " must be a string")));
        }
        return v.textValue();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new AdminFailure(AdminError.INVALID_REQUEST, field + " must be true or false",
                    List.of(dev.tidings.registry.FieldProblem.of(field, "WRONG_TYPE", field + " must be true or false")));
        }
        return v.booleanValue();
    }
}
