package dev.tidings.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of orgs, definitions and webhooks that the intake reads on every request without
 * touching the disk. Built from the {@link RegistryStore} at start, then kept current by
 * {@link #catchUp}: it reads the store's change feed after the last sequence seen and reloads each
 * changed entity. {@link Orgs}, {@link Definitions} and {@link Webhooks} call it after their own
 * writes (so this node sees a change at once); a timer, and in a cluster a notification, call it for
 * changes made elsewhere (another node, the pipeline), so a disabled webhook or rotated credential
 * stops working everywhere.
 *
 * <p>Threads: lookups from any thread (event loops); {@link #catchUp} from any thread, serialized.
 */
public final class Registry {
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();
    private final Map<String, String> orgByApiKeyHash = new ConcurrentHashMap<>();
    /** org id → its API key digest, so a rotation can drop the old digest. */
    private final Map<String, String> apiKeyHashByOrg = new ConcurrentHashMap<>();
    private final Map<String, ActiveWebhook> webhooks = new ConcurrentHashMap<>();
    /** org id → event name → current version. */
    private final Map<String, Map<String, ActiveDefinition>> current = new ConcurrentHashMap<>();
    /** "id:version" → that version, for the pipeline. */
    private final Map<String, ActiveDefinition> versions = new ConcurrentHashMap<>();
    private final RegistryStore store;
    private final CredentialHashes credentialHashes;
    private long seenChange;

    private Registry(RegistryStore store, CredentialHashes credentialHashes) {
        this.store = store;
        this.credentialHashes = credentialHashes;
    }

    /** With the store's credential key (created on first start). */
    public static Registry load(RegistryStore store) {
        return load(store, CredentialHashes.load(store));
    }

    public static Registry load(RegistryStore store, CredentialHashes credentialHashes) {
        Registry registry = new Registry(store, credentialHashes);
        // The sequence is read first: a change committed while the snapshot loads is applied again by
        // the next catch-up, which is harmless, instead of being missed.
        registry.seenChange = store.lastChange();
        RegistryStore.Snapshot snapshot = store.load();
        snapshot.orgs().forEach(o -> registry.putOrg(o.org(), o.apiKeyHash()));
        snapshot.definitions().forEach(registry::putDefinition);
        snapshot.webhooks().forEach(registry::putWebhook);
        return registry;
    }

    /** Applies every change in the store's feed after the last one seen; returns how many. Blocking. */
    public synchronized int catchUp() {
        List<RegistryStore.Change> changes = store.changesAfter(seenChange);
        for (RegistryStore.Change c : changes) {
            switch (c.kind()) {
                case ORG -> store.org(c.entityId()).ifPresent(o -> putOrg(o.org(), o.apiKeyHash()));
                case DEFINITION -> store.definitionVersions(c.entityId()).forEach(this::putDefinition);
                case WEBHOOK -> store.webhook(c.entityId()).ifPresent(this::putWebhook);
            }
            seenChange = c.seq();
        }
        return changes.size();
    }

    /** The last change sequence applied. */
    public synchronized long seenChange() {
        return seenChange;
    }

    // --- lookups (any thread) ---

    public Optional<Org> org(String orgId) {
        return Optional.ofNullable(orgs.get(orgId));
    }

    public Optional<String> orgIdForApiKeyHash(String apiKeyHash) {
        return Optional.ofNullable(orgByApiKeyHash.get(apiKeyHash));
    }

    /** How webhook credentials are hashed and checked on this node. */
    public CredentialHashes credentialHashes() {
        return credentialHashes;
    }

    /** The webhook, or null. Hot path. */
    public ActiveWebhook webhook(String webhookId) {
        return webhooks.get(webhookId);
    }

    /** The current version of an org's event, or null. Hot path. */
    public ActiveDefinition definition(String orgId, String eventName) {
        Map<String, ActiveDefinition> byName = current.get(orgId);
        return byName == null ? null : byName.get(eventName);
    }

    /** A specific version, as the pipeline needs it, or null. */
    public ActiveDefinition definitionVersion(String definitionId, int version) {
        return versions.get(definitionId + ":" + version);
    }

    public List<EventDefinition> definitions(String orgId) {
        Map<String, ActiveDefinition> byName = current.getOrDefault(orgId, Map.of());
        List<EventDefinition> list = new ArrayList<>();
        byName.values().forEach(a -> list.add(a.definition()));
        list.sort(Comparator.comparing(EventDefinition::createdAt).thenComparing(EventDefinition::name));
        return list;
    }

    public List<Webhook> webhooks(String orgId) {
        List<Webhook> list = new ArrayList<>();
        for (ActiveWebhook w : webhooks.values()) {
            if (w.webhook().orgId().equals(orgId)) {
                list.add(w.webhook());
            }
        }
        list.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
        return list;
    }

    // --- updates (from the store, by load and catchUp) ---

    private void putOrg(Org org, String apiKeyHash) {
        orgs.put(org.id(), org);
        // New digest first, then the old one goes: a request in between sees one of the two keys work.
        orgByApiKeyHash.put(apiKeyHash, org.id());
        String previous = apiKeyHashByOrg.put(org.id(), apiKeyHash);
        if (previous != null && !previous.equals(apiKeyHash)) {
            orgByApiKeyHash.remove(previous);
        }
    }

    /** Every org, oldest first (then by id), for the root token's list. */
    public List<Org> orgs() {
        List<Org> list = new ArrayList<>(orgs.values());
        list.sort(Comparator.comparing(Org::createdAt).thenComparing(Org::id));
        return list;
    }

    private ActiveDefinition putDefinition(EventDefinition d) {
        ActiveDefinition existingVersion = versions.get(d.id() + ":" + d.version());
        if (existingVersion != null) {
            return existingVersion;
        }
        ActiveDefinition active = ActiveDefinition.of(d);
        versions.put(d.id() + ":" + d.version(), active);
        Map<String, ActiveDefinition> byName = current.computeIfAbsent(d.orgId(), k -> new ConcurrentHashMap<>());
        ActiveDefinition existing = byName.get(d.name());
        if (existing == null || existing.definition().version() < d.version()) {
            byName.put(d.name(), active);
        }
        return active;
    }

    private void putWebhook(Webhook w) {
        webhooks.put(w.id(), new ActiveWebhook(w, credentialHashes));
    }
}
