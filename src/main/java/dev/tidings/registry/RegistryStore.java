package dev.tidings.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where the registry persists. Called off the event loop; every method is one transaction. The
 * in-memory {@link Registry} is rebuilt from {@link #load} at start and updated after each write.
 */
public interface RegistryStore {

    record Snapshot(List<StoredOrg> orgs, List<EventDefinition> definitions, List<Webhook> webhooks) {}

    record StoredOrg(Org org, String apiKeyHash) {}

    Snapshot load();

    /** Inserts the org; false when the id is taken. */
    boolean insertOrg(Org org, String apiKeyHash);

    /** Inserts a definition version; false when (for version 1) the org already has an event of that name. */
    boolean insertDefinitionVersion(EventDefinition definition);

    void upsertWebhook(Webhook webhook);

    /** Replaces the org's API key digest: the old key stops working. */
    void updateOrgApiKey(String orgId, String apiKeyHash);

    Optional<String> setting(String key);

    void putSetting(String key, String value);
}
