package dev.tidings.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where the registry persists. Called off the event loop; every write is one transaction that also
 * appends to the change feed, so every node's in-memory {@link Registry} can catch up by sequence
 * ({@link #changesAfter}) whoever made the change. Implementations: SQLite (embedded), PostgreSQL.
 */
public interface RegistryStore {

    record Snapshot(List<StoredOrg> orgs, List<EventDefinition> definitions, List<Webhook> webhooks) {}

    record StoredOrg(Org org, String apiKeyHash) {}

    /** Kinds of entity a change names. */
    enum Kind { ORG, DEFINITION, WEBHOOK }

    /** One entry of the change feed: entity {@code entityId} of {@code kind} changed. */
    record Change(long seq, Kind kind, String entityId) {}

    Snapshot load();

    /** The newest change's sequence, 0 when there is none. */
    long lastChange();

    /** Changes with a sequence greater than {@code seq}, oldest first. */
    List<Change> changesAfter(long seq);

    Optional<StoredOrg> org(String id);

    /** Every version of one definition, oldest first. */
    List<EventDefinition> definitionVersions(String definitionId);

    Optional<Webhook> webhook(String id);

    /** Inserts the org; false when the id is taken. */
    boolean insertOrg(Org org, String apiKeyHash);

    /**
     * Inserts a definition version; false when that version exists (another writer got there first)
     * or, for version 1, when the org already has an event of that name.
     */
    boolean insertDefinitionVersion(EventDefinition definition);

    void upsertWebhook(Webhook webhook);

    /** Replaces the org's API key digest: the old key stops working. */
    void updateOrgApiKey(String orgId, String apiKeyHash);

    /** Sets the org's timezone (an IANA zone id, already checked). */
    void updateOrgTimezone(String orgId, String timezone);

    Optional<String> setting(String key);

    void putSetting(String key, String value);

    /** Stores the setting only when it has no value yet (nodes starting at once agree on one); true when stored. */
    boolean putSettingIfAbsent(String key, String value);
}
