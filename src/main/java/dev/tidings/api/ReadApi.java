package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.destinations.Destinations;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.log.PendingRequests;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Registry;
import dev.tidings.store.Customer;
import dev.tidings.store.Erasure;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.IdentifierTakenException;
import dev.tidings.store.Page;
import dev.tidings.store.ReadStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.StoredEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final PendingRequests pending;

    public ReadApi(ReadStore store, Registry registry, Clock clock) {
        this(store, registry, clock, null, null, (org, id) -> new PendingRequests.Unknown());
    }

    public ReadApi(ReadStore store, Registry registry, Clock clock, Destinations destinations, LoyaltyStore loyalty,
            PendingRequests pending) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.destinations = destinations;
        this.loyalty = loyalty;
        this.pending = pending;
    }

    void mount(Router router) {
        router.get("/api/v1/orgs/:org/requests/:requestId").handler(this::request);
        router.get("/api/v1/orgs/:org/logs").handler(this::logs);
        router.get("/api/v1/orgs/:org/event-data").handler(this::eventData);
        router.get("/api/v1/orgs/:org/customers/:identifierType/:value").handler(this::customer);
        router.post("/api/v1/orgs/:org/customers").handler(this::registerCustomer);
        router.get("/api/v1/orgs/:org/customers").handler(this::customers);
        router.delete("/api/v1/orgs/:org/customers/:identifierType/:value").handler(this::eraseCustomer);
    }

    private void request(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        String requestId = ctx.pathParam("requestId");
        Replies.blocking(ctx, 200, () -> {
            var stored = store.request(org, requestId);
            if (stored.isPresent()) {
                return reprocessing(stored(stored.get(), org, requestId), stored.get());
            }
            PendingRequests.Lookup lookup = pending.find(org, requestId);
            if (lookup instanceof PendingRequests.Found f) {
                return ReadViews.pending(f.record());
            }
            // The pipeline may have stored it and released it from the log between the two reads.
            stored = store.request(org, requestId);
            if (stored.isPresent()) {
                return stored(stored.get(), org, requestId);
            }
            if (lookup instanceof PendingRequests.Pending p) {
                throw new AdminFailure(AdminError.REQUEST_PENDING, "Request " + requestId + " is not stored yet: the pipeline is "
                        + p.lag() + " entries behind; if the intake answered it, it will appear", List.of(
                        FieldProblem.of("requestId", "REQUEST_PENDING", "not processed yet")));
            }
            throw AdminFailure.notFound("Request " + requestId);
        });
    }

    /** A FAILED request whose reprocess waits in the log says so, so whoever asked for it sees it coming. */
    private ObjectNode reprocessing(ObjectNode view, RequestRecord record) {
        if (record.status() == RequestStatus.FAILED
                && pending.find(record.orgId(), record.requestId()) instanceof PendingRequests.Found) {
            view.put("reprocess", "QUEUED");
        }
        return view;
    }

    /** Composed at read time: a rejected or failed request shows the body kept for it, while kept. */
    private ObjectNode withKeptBody(ObjectNode view,
            String org, String requestId) {
        String status = view.path("status").asText();
        if (status.equals("REJECTED") || status.equals("FAILED")) {
            store.keptBody(org, requestId).ifPresent(b -> view.put("body", new String(b, StandardCharsets.UTF_8)));
        }
        return view;
    }

    /** A stored request with what other features keep about it, composed at read time from their own tables. */
    private ObjectNode stored(dev.tidings.store.RequestRecord record, String org, String requestId) {
        ObjectNode view = withKeptBody(ReadViews.request(record), org, requestId);
        if (destinations != null) {
            view.set("deliveries", DestinationViews.forRequest(destinations.forRequest(org, requestId)));
        }
        if (loyalty != null) {
            // The engine commits a request's awards and its evaluation in one transaction, but these are two
            // reads: the evaluation first, so a view that shows results shows their awards too. Read the
            // other way round, a commit between the two reads gave results with no awards (seen on the
            // cluster, where the engine commits while the view reads).
            Optional<Evaluation> evaluation = loyalty.evaluation(org, requestId);
            LoyaltyViews.addTo(view, loyalty.awards(org, requestId), evaluation);
        }
        return view;
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
        Replies.blocking(ctx, 200, () -> {
            Identifier identifier = pathIdentifier(ctx);
            Customer c = store.customer(org, identifier).orElseThrow(() -> customerNotFound(ctx));
            return ReadViews.customer(c);
        });
    }

    private void customers(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            ReadParams.CustomerPage params = ReadParams.customers(ctx.queryParams());
            Page<Customer> page = store.customers(org, params.limit(), params.after());
            return Views.list(page.items(), ReadViews::customer, Cursors.encode(Cursors.CUSTOMERS, page.next()));
        });
    }

    /** GDPR erasure: the customer and everything stored about them, in one store transaction. */
    private void eraseCustomer(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        Replies.blocking(ctx, 200, () -> {
            Identifier identifier = pathIdentifier(ctx);
            Erasure erasure = store.eraseCustomer(org, identifier).orElseThrow(() -> customerNotFound(ctx));
            return ReadViews.erasure(erasure);
        });
    }

    /** The path's {@code identifierType}/{@code value}, a MOBILE by the key events store it under; 400 for an unknown type. */
    private static Identifier pathIdentifier(RoutingContext ctx) {
        List<FieldProblem> problems = new ArrayList<>();
        IdentifierType t = ReadParams.identifierType(ctx.pathParam("identifierType"), "identifierType", problems);
        if (t == null) {
            throw ReadParams.invalid(problems);
        }
        return new Identifier(t, ReadParams.identifierKey(t, ctx.pathParam("value")));
    }

    private static AdminFailure customerNotFound(RoutingContext ctx) {
        return AdminFailure.notFound("Customer with " + ctx.pathParam("identifierType") + " " + ctx.pathParam("value"));
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
