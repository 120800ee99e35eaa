package dev.tidings.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.destinations.Destination.Status;
import dev.tidings.destinations.DestinationSettings.Type;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.store.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The destinations feature as the admin API and the composition root see it: saving and changing
 * destinations (checked, secrets sealed), their deliveries and attempts, replay, and the delivery
 * engine of nodes that run one. Blocking: call off the event loop.
 */
public final class Destinations implements AutoCloseable {
    /** How long a rotated-out secret keeps signing, next to the new one (DESIGN §9). */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final DestinationStore store;
    private final AddressPolicy addresses;
    private final EventFilters filters;
    private final DestinationCatalog catalog;
    private final Clock clock;
    private DeliveryEngine engine;

    /** A destination just created or re-keyed, with its secret in the clear: shown this once. */
    public record Created(Destination destination, String secret) {}

    public Destinations(DestinationStore store, SecretBox box, Registry registry, AddressPolicy addresses, Clock clock) {
        this.store = store;
        this.addresses = addresses;
        this.filters = new EventFilters(registry);
        this.catalog = new DestinationCatalog(store, box, filters, clock);
        this.clock = clock;
    }

    /** Starts delivering (worker nodes): webhooks with {@code webhooks}, Kafka with {@code kafka}. */
    public synchronized void startEngine(Outbox outbox, Sender webhooks, Sender kafka, MeterRegistry meters,
            Duration disableAfter) {
        catalog.refresh();
        engine = new DeliveryEngine(outbox, store, catalog, filters, Map.of(Type.WEBHOOK, webhooks, Type.KAFKA, kafka),
                new DestinationMetrics(meters, clock), clock, disableAfter);
        engine.start();
    }

    public Created create(String orgId, JsonNode body) {
        DestinationSettings s = checked(orgId, body);
        long now = clock.millis();
        String secret = s.type() == Type.WEBHOOK ? WebhookSignature.newSecret() : null;
        Destination d = new Destination("dst_" + UUID.randomUUID().toString().replace("-", ""), orgId, s, Status.ENABLED,
                null, secret, null, 0, 0, now, now);
        store.create(catalog.sealed(d));
        changed();
        return new Created(d, secret);
    }

    /**
     * Replaces the settings. {@code headers} left out keep their values: a GET never shows them, so
     * editing what a GET returned must not wipe them.
     */
    public Destination update(String orgId, String id, JsonNode body) {
        Destination current = get(orgId, id);
        DestinationSettings s = checked(orgId, body);
        if (!body.has("headers")) {
            s = new DestinationSettings(s.name(), s.type(), s.url(), s.bootstrap(), s.topic(), s.events(), s.filter(),
                    current.settings().headers(), s.timeout(), s.retrySchedule(), s.ordering(), s.maxInFlight());
        }
        String secret = current.secret();
        if (s.type() == Type.WEBHOOK && secret == null) {
            throw new DestinationException(DestinationException.Kind.INVALID, "A KAFKA destination cannot become a WEBHOOK;"
                    + " create a new destination", List.of(FieldProblem.of("type", "CHANGE_NOT_ALLOWED",
                            "type cannot change from KAFKA to WEBHOOK")));
        }
        return save(current.withSettings(s, clock.millis()));
    }

    public Destination get(String orgId, String id) {
        return store.get(orgId, id).map(catalog::opened)
                .orElseThrow(() -> DestinationException.notFound("Destination " + id));
    }

    public List<Destination> list(String orgId) {
        return store.list(orgId).stream().map(catalog::opened).toList();
    }

    public Destination disable(String orgId, String id) {
        return save(get(orgId, id).withStatus(Status.DISABLED, "disabled through the API", clock.millis()));
    }

    /** Enabled again: pending deliveries resume, the failure streak starts over. */
    public Destination enable(String orgId, String id) {
        return save(get(orgId, id).withStatus(Status.ENABLED, null, clock.millis()));
    }

    /** A new secret; the old one keeps signing for {@link #ROTATION_OVERLAP}. */
    public Created rotateSecret(String orgId, String id) {
        Destination current = get(orgId, id);
        if (current.settings().type() != Type.WEBHOOK) {
            throw new DestinationException(DestinationException.Kind.INVALID, "Only WEBHOOK destinations have a secret",
                    List.of(FieldProblem.of("type", "INVALID_VALUE", "a KAFKA destination has no signing secret")));
        }
        long now = clock.millis();
        String secret = WebhookSignature.newSecret();
        return new Created(save(current.withSecret(secret, now + ROTATION_OVERLAP.toMillis(), now)), secret);
    }

    public int replay(String orgId, String id, Replay replay) {
        get(orgId, id);
        int queued = store.replay(id, replay, clock.millis());
        changed();
        return queued;
    }

    public List<Delivery> deliveries(String orgId, String id, DeliveryQuery query) {
        get(orgId, id);
        return store.deliveries(query);
    }

    public Delivery delivery(String orgId, String id, String deliveryId) {
        get(orgId, id);
        return store.delivery(id, deliveryId).orElseThrow(() -> DestinationException.notFound("Delivery " + deliveryId));
    }

    public List<Attempt> attempts(String orgId, String id, String deliveryId) {
        return store.attempts(delivery(orgId, id, deliveryId).id());
    }

    /** Every delivery of one request, for the request view. */
    public List<Delivery> forRequest(String orgId, String requestId) {
        return store.forRequest(orgId, requestId);
    }

    private DestinationSettings checked(String orgId, JsonNode body) {
        DestinationSettings s = DestinationRules.parse(body, addresses);
        List<FieldProblem> problems = new ArrayList<>(filters.problems(orgId, s));
        if (!problems.isEmpty()) {
            throw DestinationException.invalid(problems);
        }
        return s;
    }

    private Destination save(Destination d) {
        if (!store.update(catalog.sealed(d))) {
            throw DestinationException.notFound("Destination " + d.id());
        }
        changed();
        return d;
    }

    private void changed() {
        DeliveryEngine e;
        synchronized (this) {
            e = engine;
        }
        if (e != null) {
            catalog.refresh();
            e.nudge();
        }
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
