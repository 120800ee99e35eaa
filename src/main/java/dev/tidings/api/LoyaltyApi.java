package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.loyalty.Earning;
import dev.tidings.loyalty.Balances;
import dev.tidings.loyalty.EarningJson;
import dev.tidings.loyalty.InsufficientPointsException;
import dev.tidings.loyalty.LedgerEntry;
import dev.tidings.loyalty.LoyaltyException;
import dev.tidings.loyalty.LoyaltyServices;
import dev.tidings.loyalty.Outcomes;
import dev.tidings.loyalty.Points;
import dev.tidings.loyalty.RuleStatus;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.store.Cursor;
import dev.tidings.store.Customer;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.ReadStore;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Admin routes of behavioral loyalty (DESIGN §10): rules and milestones, a customer's balance, ledger
 * and adjustments, reversals by request, and the dry run. Org scoping as everywhere: {@link AdminAuth}
 * answers 404 for an org the token may not see, and every store query is bound to the path's org.
 */
final class LoyaltyApi {
    private static final int MAX_NOTE = 500;
    private static final Set<String> REVERSAL_FIELDS = Set.of("requestId", "reason");
    private static final Set<String> ADJUSTMENT_FIELDS = Set.of("points", "reason");
    private static final Set<String> EVALUATE_FIELDS = Set.of("event");
    private static final Set<String> LEDGER_PARAMS = Set.of("limit", "cursor");

    private final LoyaltyServices loyalty;
    private final ReadStore reads;

    LoyaltyApi(LoyaltyServices loyalty, ReadStore reads) {
        this.loyalty = loyalty;
        this.reads = reads;
    }

    void mount(Router router) {
        for (String kind : List.of("rules", "milestones")) {
            boolean milestones = kind.equals("milestones");
            String base = "/api/v1/orgs/:org/loyalty/" + kind;
            router.post(base).handler(ctx -> create(ctx, milestones));
            router.get(base).handler(ctx -> list(ctx, milestones));
            router.get(base + "/:id").handler(ctx -> get(ctx, milestones));
            router.put(base + "/:id").handler(ctx -> replace(ctx, milestones));
            router.post(base + "/:id/activate").handler(ctx -> status(ctx, milestones, RuleStatus.ACTIVE));
            router.post(base + "/:id/deactivate").handler(ctx -> status(ctx, milestones, RuleStatus.INACTIVE));
        }
        router.post("/api/v1/orgs/:org/loyalty/reversals").handler(this::reverse);
        router.post("/api/v1/orgs/:org/loyalty/evaluate").handler(this::evaluate);
        String customer = "/api/v1/orgs/:org/customers/:identifierType/:value/loyalty";
        router.get(customer).handler(this::balance);
        router.get(customer + "/ledger").handler(this::ledger);
        router.post(customer + "/adjustments").handler(this::adjust);
    }

    // --- rules and milestones ---

    private void create(RoutingContext ctx, boolean milestones) {
        String org = ctx.pathParam("org");
        reply(ctx, 201, () -> EarningJson.view(loyalty.rules().create(org, milestones, Replies.bodyObject(ctx))));
    }

    private void list(RoutingContext ctx, boolean milestones) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> RegistryPages.page(loyalty.rules().list(org, milestones),
                e -> RegistryPages.key(e.createdAt(), e.id()), EarningJson::view, ctx.queryParams(),
                milestones ? "milestones" : "rules"));
    }

    private void get(RoutingContext ctx, boolean milestones) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> EarningJson.view(loyalty.rules().get(org, milestones, ctx.pathParam("id"))));
    }

    private void replace(RoutingContext ctx, boolean milestones) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> EarningJson.view(loyalty.rules().replace(org, milestones, ctx.pathParam("id"),
                Replies.bodyObject(ctx))));
    }

    private void status(RoutingContext ctx, boolean milestones, RuleStatus status) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> {
            noBody(ctx);
            Earning e = loyalty.rules().setStatus(org, milestones, ctx.pathParam("id"), status);
            return EarningJson.view(e);
        });
    }

    // --- customers ---

    private void balance(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> {
            String customerId = customerId(ctx);
            return LoyaltyViews.balance(customerId, loyalty.balances().balance(org, customerId));
        });
    }

    private void ledger(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> {
            MultiMap params = ctx.queryParams();
            List<FieldProblem> problems = new ArrayList<>();
            for (String name : params.names()) {
                if (!LEDGER_PARAMS.contains(name)) {
                    problems.add(FieldProblem.of(name, "UNKNOWN_PARAMETER", name + " is not a parameter of the ledger;"
                            + " the parameters are [cursor, limit]"));
                }
            }
            int limit = RegistryPages.limit(params.get("limit"), problems);
            Cursor cursor = null;
            if (params.get("cursor") != null) {
                cursor = Cursors.decode(Cursors.LEDGER, params.get("cursor"));
                if (cursor == null) {
                    problems.add(FieldProblem.of("cursor", "INVALID_VALUE", "cursor is not one this list handed out"));
                }
            }
            if (!problems.isEmpty()) {
                throw ReadParams.invalid(problems);
            }
            String customerId = customerId(ctx);
            List<LedgerEntry> page = loyalty.balances().ledger(org, customerId, cursor == null ? null : cursor.at(),
                    limit + 1);
            String next = null;
            if (page.size() > limit) {
                page = page.subList(0, limit);
                LedgerEntry last = page.get(limit - 1);
                next = Cursors.encode(Cursors.LEDGER, new Cursor(last.seq(), last.entryId()));
            }
            long now = loyalty.balances().now();
            return Views.list(page, e -> LoyaltyViews.entry(e, now), next);
        });
    }

    private void adjust(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        reply(ctx, 201, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "an adjustment", ADJUSTMENT_FIELDS);
            List<FieldProblem> problems = new ArrayList<>();
            JsonNode p = body.get("points");
            long points = 0;
            if (p == null || !p.isNumber() || p.decimalValue().signum() == 0) {
                problems.add(FieldProblem.of("points", "REQUIRED", "points must be a number other than 0 (negative spends)"));
            } else if (p.decimalValue().stripTrailingZeros().scale() > 2) {
                problems.add(FieldProblem.of("points", "TOO_PRECISE", "points has at most two decimals"));
            } else if (p.decimalValue().abs().compareTo(BigDecimal.valueOf(Balances.MAX_ADJUSTMENT, 2)) > 0) {
                problems.add(FieldProblem.of("points", "TOO_LARGE", "one adjustment moves at most "
                        + Points.text(Balances.MAX_ADJUSTMENT) + " points"));
            } else {
                points = Points.hundredths(p.decimalValue());
            }
            String reason = reason(body, problems, true);
            if (!problems.isEmpty()) {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "Invalid adjustment", problems);
            }
            String customerId = customerId(ctx);
            try {
                LedgerEntry e = loyalty.balances().adjust(org, customerId, points, reason, actor(principal));
                return LoyaltyViews.entry(e, loyalty.balances().now());
            } catch (InsufficientPointsException e) {
                throw new AdminFailure(AdminError.CONFLICT, "Cannot spend " + Points.text(-points) + " points: "
                        + e.getMessage(), List.of(FieldProblem.of("points", "INSUFFICIENT_POINTS", e.getMessage())));
            }
        });
    }

    // --- reversals and the dry run ---

    private void reverse(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Principal principal = ctx.get(AdminAuth.PRINCIPAL);
        reply(ctx, 200, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "a reversal", REVERSAL_FIELDS);
            List<FieldProblem> problems = new ArrayList<>();
            JsonNode id = body.get("requestId");
            if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 64) {
                problems.add(FieldProblem.of("requestId", "REQUIRED", "requestId names the request whose awards to reverse"));
            }
            String reason = reason(body, problems, false);
            if (!problems.isEmpty()) {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "Invalid reversal", problems);
            }
            String requestId = id.asText();
            if (reads.request(org, requestId).isEmpty()) {
                throw AdminFailure.notFound("Request " + requestId);
            }
            int reversed = loyalty.balances().reverse(org, requestId, reason, actor(principal));
            return Replies.mapper().createObjectNode().put("requestId", requestId).put("reversed", reversed);
        });
    }

    private void evaluate(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        reply(ctx, 200, () -> {
            JsonNode body = BodyFields.only(Replies.bodyObject(ctx), "a dry run", EVALUATE_FIELDS);
            JsonNode event = body.get("event");
            if (event == null || !event.isObject()) {
                throw new AdminFailure(AdminError.INVALID_REQUEST, "event must be the event as it would be posted",
                        List.of(FieldProblem.of("event", "REQUIRED", "event must be a JSON object with event_name")));
            }
            var result = loyalty.dryRun().evaluate(org, (ObjectNode) event, (type, value) -> reads.customer(org,
                    new Identifier(type, ReadParams.identifierKey(type, value))).map(Customer::id));
            ObjectNode n = Replies.mapper().createObjectNode();
            n.put("eventName", result.eventName());
            n.put("customerId", result.customerId());
            n.put("eventDateTime", Instant.ofEpochMilli(result.eventDateTime()).toString());
            n.put("dryRun", true);
            n.set("results", Outcomes.json(result.outcomes()));
            return n;
        });
    }

    // --- helpers ---

    /** The admin API's answer to a loyalty refusal. */
    private static void reply(RoutingContext ctx, int status, Callable<? extends JsonNode> operation) {
        Replies.blocking(ctx, status, () -> {
            try {
                return operation.call();
            } catch (LoyaltyException e) {
                AdminError error = switch (e.failure()) {
                    case INVALID -> AdminError.INVALID_REQUEST;
                    case NOT_FOUND -> AdminError.NOT_FOUND;
                    case CONFLICT -> AdminError.CONFLICT;
                };
                throw new AdminFailure(error, e.getMessage(), e.problems());
            }
        });
    }

    private String customerId(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String value = ctx.pathParam("value");
        List<FieldProblem> problems = new ArrayList<>();
        IdentifierType t = ReadParams.identifierType(ctx.pathParam("identifierType"), "identifierType", problems);
        if (t == null) {
            throw ReadParams.invalid(problems);
        }
        return reads.customer(org, new Identifier(t, ReadParams.identifierKey(t, value)))
                .orElseThrow(() -> AdminFailure.notFound("Customer with " + t + " " + value)).id();
    }

    private static String reason(JsonNode body, List<FieldProblem> problems, boolean required) {
        JsonNode r = body.get("reason");
        if (r == null || r.isNull()) {
            if (required) {
                problems.add(FieldProblem.of("reason", "REQUIRED", "reason says why, for the audit trail"));
            }
            return null;
        }
        if (!r.isTextual() || r.asText().isBlank() || r.asText().length() > MAX_NOTE) {
            problems.add(FieldProblem.of("reason", "INVALID_VALUE", "reason must be text of 1 to " + MAX_NOTE + " characters"));
            return null;
        }
        return r.asText();
    }

    private static String actor(Principal p) {
        return p.isRoot() ? "root" : "org:" + p.orgId();
    }

    private static void noBody(RoutingContext ctx) {
        if (ctx.body().length() > 0) {
            BodyFields.only(Replies.bodyObject(ctx), "this action", Set.of());
        }
    }
}
