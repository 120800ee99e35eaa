package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.config.DurationConverter;
import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Org;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryException;
import dev.tidings.registry.Webhooks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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

    private static final Set<String> ORG_FIELDS = Set.of("id", "name", "timezone");
    /** What PUT may change on an org; id, name and createdAt are tolerated so a GET can be sent back. */
    private static final Set<String> ORG_UPDATE_FIELDS = Set.of("id", "name", "createdAt", "timezone");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("name", "uniquenessCheck", "id", "credential", "allowWeak",
            "mapping", "rateLimit");
    /** What PUT may change; id, url and the times are read-only but tolerated, so a GET can be edited and sent back. */
    private static final Set<String> WEBHOOK_UPDATE_FIELDS = Set.of("name", "uniquenessCheck", "status", "id", "url",
            "createdAt", "updatedAt", "mapping", "rateLimit");
    private static final Set<String> ROTATE_FIELDS = Set.of("credential", "graceperiod", "allowWeak");

    void mount(Router router) {
        router.post("/api/v1/orgs").handler(this::createOrg);
        router.get("/api/v1/orgs").handler(this::listOrgs);
        router.get("/api/v1/orgs/:org").handler(this::getOrg);
        router.put("/api/v1/orgs/:org").handler(this::updateOrg);
        router.post("/api/v1/orgs/:org/rotate-key").handler(this::rotateOrgKey);
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
        router.post("/api/v1/orgs/:org/webhooks/:id/enable").handler(this::enableWebhook);
    }

    private void createOrg(RoutingContext ctx) {
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        if (!principal.isRoot()) {
            (new AdminFailure(AdminError.FORBIDDEN, "Only the root token may create orgs")).sendTo(ctx.response());
            return;
        }
        Replies.blocking(ctx, 201, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "an org", ORG_FIELDS);
            Orgs.Created created = orgs.create(text(body, "id"), text(body, "name"), text(body, "timezone"));
            ObjectNode n = Views.org(created.org());
            n.put("apiKey", created.apiKey());
            return n;
        });
    }

    /** The root token sees every org; an org's key sees its own. */
    private void listOrgs(RoutingContext ctx) {
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        try {
            List<Org> visible = principal.isRoot() ? registry.orgs()
                    : registry.orgs().stream().filter(o -> principal.mayAccess(o.id())).toList();
            Replies.json(ctx, 200, RegistryPages.page(visible, o -> RegistryPages.key(o.createdAt(), o.id()), Views::org,
                    ctx.queryParams(), "orgs"));
        } catch (AdminFailure f) {
            f.sendTo(ctx.response());
        }
    }

    /** A new API key for the org, shown once; the old key stops working. The org's own key may rotate itself. */
    private void rotateOrgKey(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            if (ctx.body().length() > 0) { // length() is -1 without a body
                BodyFields.only(Replies.bodyObject(ctx), "a key rotation", Set.of());
            }
            Orgs.Created rotated = orgs.rotateKey(org);
            ObjectNode n = Views.org(rotated.org());
            n.put("apiKey", rotated.apiKey());
            return n;
        });
    }

    /** Changes the org's timezone (loyalty's calendar windows); the name and id stay as they are. */
    private void updateOrg(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "an org update", ORG_UPDATE_FIELDS);
            Org current = registry.org(org).orElseThrow();
            String zone = text(body, "timezone");
            return Views.org(zone == null || zone.equals(current.timezone()) ? current : orgs.setTimezone(org, zone));
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
        try {
            Replies.json(ctx, 200, RegistryPages.page(registry.definitions(ctx.pathParam("org")),
                    d -> RegistryPages.key(d.createdAt(), d.name()), Views::definition, ctx.queryParams(), "events"));
        } catch (AdminFailure f) {
            f.sendTo(ctx.response());
        }
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
            JsonNode body = ctx.body().length() <= 0 ? Replies.mapper().createObjectNode()
                    : BodyFields.only(Replies.bodyObject(ctx), "a webhook", WEBHOOK_FIELDS);
            Webhooks.WithCredential created = webhooks.create(org, new Webhooks.Spec(
                    text(body, "name"), bool(body, "uniquenessCheck"), text(body, "id"), text(body, "credential"),
                    Boolean.TRUE.equals(bool(body, "allowWeak"))), ways(body));
            return withCredential(created);
        });
    }

    private void listWebhooks(RoutingContext ctx) {
        try {
            Replies.json(ctx, 200, RegistryPages.page(registry.webhooks(ctx.pathParam("org")),
                    w -> RegistryPages.key(w.createdAt(), w.id()), w -> Views.webhook(w, baseUrl.get(), cluster),
                    ctx.queryParams(), "webhooks"));
        } catch (AdminFailure f) {
            f.sendTo(ctx.response());
        }
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
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "a webhook update", WEBHOOK_UPDATE_FIELDS);
            String status = text(body, "status");
            if (status != null && !status.equals("ENABLED") && !status.equals("DISABLED")) {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "status must be ENABLED or DISABLED",
                        List.of(FieldProblem.of("status", "INVALID_VALUE", "status must be ENABLED or DISABLED, got " + status)));
            }
            webhooks.update(org, id, text(body, "name"), bool(body, "uniquenessCheck"));
            webhooks.setWays(org, id, ways(body));
            if ("ENABLED".equals(status)) {
                webhooks.enable(org, id);
            } else if ("DISABLED".equals(status)) {
                webhooks.disable(org, id);
            }
            return Views.webhook(webhooks.owned(org, id), baseUrl.get(), cluster);
        });
    }

    private void rotateWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> {
            JsonNode body = ctx.body().length() <= 0 ? Replies.mapper().createObjectNode()
                    : BodyFields.only(Replies.bodyObject(ctx), "a rotation", ROTATE_FIELDS);
            return withCredential(webhooks.rotate(org, id, new Webhooks.Rotation(text(body, "credential"),
                    duration(body, "graceperiod"), Boolean.TRUE.equals(bool(body, "allowWeak")))));
        });
    }

    private void disableWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> Views.webhook(webhooks.disable(org, id), baseUrl.get(), cluster));
    }

    private void enableWebhook(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String id = ctx.pathParam("id");
        Replies.blocking(ctx, 200, () -> Views.webhook(webhooks.enable(org, id), baseUrl.get(), cluster));
    }

    /** A duration as people write it ({@code 10m}, {@code 90s}, {@code 1h}), the same syntax as the serve options. */
    private static Duration duration(JsonNode body, String field) {
        String text = text(body, field);
        if (text == null) {
            return null;
        }
        try {
            return new DurationConverter().convert(text);
        } catch (RuntimeException e) {
            throw new AdminFailure(AdminError.INVALID_REQUEST, field + " must be a duration such as 10m",
                    List.of(FieldProblem.of(field, "INVALID_VALUE", field + " must be a duration such as 30s, 10m or 1h, got "
                            + text)));
        }
    }

    private ObjectNode withCredential(Webhooks.WithCredential w) {
        ObjectNode n = Views.webhook(w.webhook(), baseUrl.get(), cluster);
        n.put("credential", w.credential());
        if (w.webhook().previousValidUntil() != null) {
            n.put("previousCredentialValidUntil", w.webhook().previousValidUntil().toString());
        }
        if (!w.warnings().isEmpty()) {
            ArrayNode warnings = n.putArray("warnings");
            w.warnings().forEach(warnings::add);
        }
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

    /** {@code mapping} and {@code rateLimit} of DESIGN §8: absent keeps, null clears. */
    private static Webhooks.Ways ways(JsonNode body) {
        JsonNode rate = body.get("rateLimit");
        Integer rateLimit = null;
        if (rate != null) {
            if (rate.isNull()) {
                rateLimit = 0;
            } else if (rate.isIntegralNumber() && rate.canConvertToInt()) {
                rateLimit = rate.intValue();
            } else {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "rateLimit must be a whole number of events per second",
                        List.of(dev.tidings.registry.FieldProblem.of("rateLimit", "WRONG_TYPE",
                                "rateLimit must be a whole number of events per second, or null")));
            }
        }
        return new Webhooks.Ways(body.get("mapping"), rateLimit);
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
