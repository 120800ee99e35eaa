package dev.tidings.destinations;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of every destination, secrets opened, reloaded from the store at least once a
 * second and at once after a change made through this node, so a change made on another node takes
 * effect within that second (DESIGN §7). Any thread; the list is replaced whole.
 */
final class DestinationCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationCatalog.class);
    private static final long STALE_AFTER_MS = 1_000;

    private final DestinationStore store;
    private final SecretBox box;
    private final EventFilters filters;
    private final Clock clock;
    private volatile List<Destination> all = List.of();
    private volatile long loadedAt;

    DestinationCatalog(DestinationStore store, SecretBox box, EventFilters filters, Clock clock) {
        this.store = store;
        this.box = box;
        this.filters = filters;
        this.clock = clock;
    }

    synchronized void refresh() {
        all = store.all().stream().map(this::opened).toList();
        loadedAt = clock.millis();
        filters.retain(all);
    }

    void refreshIfStale() {
        if (clock.millis() - loadedAt >= STALE_AFTER_MS) {
            refresh();
        }
    }

    List<Destination> all() {
        return all;
    }

    /**
     * The destination with its secrets in the clear. One sealed with another node's key keeps a null
     * secret: its attempts fail naming the key mismatch instead of the whole engine stopping.
     */
    Destination opened(Destination sealed) {
        try {
            return new Destination(sealed.id(), sealed.orgId(), sealed.settings(), sealed.status(), sealed.disabledReason(),
                    box.open(sealed.secret()), box.open(sealed.previousSecret()), sealed.previousUntil(),
                    sealed.failingSince(), sealed.createdAt(), sealed.updatedAt());
        } catch (SecretBox.SecretKeyMismatch e) {
            LOG.error("Destination {}: {}", sealed.id(), e.getMessage());
            return new Destination(sealed.id(), sealed.orgId(), sealed.settings(), sealed.status(), sealed.disabledReason(),
                    null, null, 0, sealed.failingSince(), sealed.createdAt(), sealed.updatedAt());
        }
    }

    Destination sealed(Destination open) {
        return new Destination(open.id(), open.orgId(), open.settings(), open.status(), open.disabledReason(),
                box.seal(open.secret()), box.seal(open.previousSecret()), open.previousUntil(), open.failingSince(),
                open.createdAt(), open.updatedAt());
    }
}
