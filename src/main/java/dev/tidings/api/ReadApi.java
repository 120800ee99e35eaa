package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.Destinations;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Registry;
import dev.tidings.store.Customer;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.IdentifierTakenException;
import dev.tidings.store.Page;
import dev.tidings.store.ReadStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.StoredEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Admin routes that show what became of events (DESIGN §4): one request, the request log, stored
 * events, and customer profiles. Org scoping is twofold: {@link AdminAuth} already answered 404 for an
 * org the token may not see, and every store query is bound to the path's org, so ids of another org
 * are simply not found.
 */
public final class ReadApi {
    private final ReadStore store;
    private final Registry registry;
    private final Clock clock;
    /** Null when destinations are not wired; then requests show no {@code deliveries}. */
    private final Destinations destinations;
    /** Null when loyalty is not wired; its section of a request is then left out. */
    private final LoyaltyStore loyalty;

    public ReadApi(ReadStore store, Registry registry, Clock clock) {
        this(store, registry, clock, null, null);
    }

    public ReadApi(ReadStore store, Registry registry, Clock clock, Destinations destinations, LoyaltyStore loyalty) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.destinations = destinations;
        this.loyalty = loyalty;
    }

    void mount(Router router) {
        router.get("/api/v1/orgs/:org/requests/:requestId").handler(this::request);
        router.get("/api/v1/orgs/:org/logs").handler(this::logs);
        router.get("/api/v1/orgs/:org/event-data").handler(this::eventData);
        router.get("/api/v1/orgs/:org/customers/:identifierType/:value").handler(this::customer);
        router.post("/api/v1/orgs/:org/customers").handler(this::registerCustomer);
    }

    private void request(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String requestId = ctx.pathParam("requestId");
        Replies.blocking(ctx, 200, () -> {
            ObjectNode view = ReadViews.request(store.request(org, requestId)
                    .orElseThrow(() -> AdminFailure.notFound("Request " + requestId)));
            if (destinations != null) {
                // Composed at read time from the destinations' own table (DESIGN §9).
                view.set("deliveries", DestinationViews.forRequest(destinations.forRequest(org, requestId)));
            }
            if (loyalty != null) {
                LoyaltyViews.addTo(view, loyalty.awards(org, requestId), loyalty.evaluation(org, requestId));
            }
            return view;
        });
    }

    private void logs(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            Page<RequestRecord> page = store.logs(ReadParams.logs(org, ctx.queryParams()));
            return Views.list(page.items(), ReadViews::request, Cursors.encode(Cursors.LOGS, page.next()));
        });
    }

    private void eventData(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            Set<String> dates = DateAttributes.of(registry, org, ctx.queryParams().get("eventName"));
            Page<StoredEvent> page = store.events(ReadParams.events(org, ctx.queryParams(), dates));
            return Views.list(page.items(), ReadViews::event, Cursors.encode(Cursors.EVENTS, page.next()));
        });
    }

    private void customer(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String type = ctx.pathParam("identifierType");
        String value = ctx.pathParam("value");
        Replies.blocking(ctx, 200, () -> {
            List<FieldProblem> problems = new ArrayList<>();
            IdentifierType t = ReadParams.identifierType(type, "identifierType", problems);
            if (t == null) {
                throw ReadParams.invalid(problems);
            }
            Customer c = store.customer(org, new Identifier(t, ReadParams.identifierKey(t, value)))
                    .orElseThrow(() -> AdminFailure.notFound("Customer with " + t + " " + value));
            return ReadViews.customer(c);
        });
    }

    private void registerCustomer(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 201, () -> {
            List<Identifier> identifiers = CustomerBody.identifiers(
                    BodyFields.only(Replies.bodyObject(ctx), "a customer", Set.of("identifiers")));
            try {
                return ReadViews.customer(store.registerCustomer(org, identifiers, clock.millis()));
            } catch (IdentifierTakenException e) {
                throw new AdminFailure(AdminError.ALREADY_EXISTS, e.getMessage(), List.of(FieldProblem.of(
                        "identifiers", "ALREADY_EXISTS", e.getMessage())));
            }
        });
    }
}
