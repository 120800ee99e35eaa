package dev.tidings.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tidings.cluster.PostgresChanges.Pending;
import dev.tidings.registry.DefinitionJson;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.Org;
import dev.tidings.registry.RegistryStore;
import dev.tidings.registry.Webhook;
import dev.tidings.store.RegistryRows;
import dev.tidings.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry in the cluster's PostgreSQL store, shared by every node. Each write and its change row
 * commit in one transaction; concurrent writers of the same org id or definition version meet at a
 * unique constraint and the loser gets {@code false}, never an exception. The pipeline writes verified
 * definitions through {@link #insertDefinitionVersion(Connection, EventDefinition)} inside its batch.
 *
 * <p>Threads: any; every call borrows a pooled connection of its own.
 */
public final class PostgresRegistryStore implements RegistryStore {

    private final PostgresDatabase database;

    public PostgresRegistryStore(PostgresDatabase database) {
        this.database = database;
    }

    /** One REPEATABLE READ snapshot, so orgs, definitions and webhooks agree with each other. */
    @Override
    public Snapshot load() {
        return PostgresWork.inTransaction(database, "load the registry", c -> {
            try (var s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            List<StoredOrg> orgs = list(c, RegistryRows.ORG, null, RegistryRows::org);
            List<EventDefinition> definitions = list(c, "SELECT definition FROM event_definitions ORDER BY id, version",
                    null, PostgresRegistryStore::definition);
            List<Webhook> webhooks = list(c, RegistryRows.WEBHOOK, null, RegistryRows::webhook);
            return new Snapshot(orgs, definitions, webhooks);
        });
    }

    @Override
    public long lastChange() {
        return PostgresWork.run(database, "read the registry changes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM registry_changes");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<Change> changesAfter(long seq) {
        return PostgresWork.run(database, "read the registry changes", c -> list(c,
                "SELECT seq, kind, entity_id FROM registry_changes WHERE seq > ? ORDER BY seq", seq,
                rs -> new Change(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3))));
    }

    @Override
    public Optional<StoredOrg> org(String id) {
        return PostgresWork.run(database, "read org " + id,
                c -> list(c, RegistryRows.ORG + " WHERE id = ?", id, RegistryRows::org).stream().findFirst());
    }

    @Override
    public List<EventDefinition> definitionVersions(String definitionId) {
        return PostgresWork.run(database, "read event definition " + definitionId, c -> list(c,
                "SELECT definition FROM event_definitions WHERE id = ? ORDER BY version", definitionId,
                PostgresRegistryStore::definition));
    }

    @Override
    public Optional<Webhook> webhook(String id) {
        return PostgresWork.run(database, "read webhook " + id,
                c -> list(c, RegistryRows.WEBHOOK + " WHERE id = ?", id, RegistryRows::webhook).stream().findFirst());
    }

    @Override
    public boolean insertOrg(Org org, String apiKeyHash) {
        return PostgresWork.inTransaction(database, "store org " + org.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO orgs (id, name, api_key_hash, created_at, timezone) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, org.id());
                ps.setString(2, org.name());
                ps.setString(3, apiKeyHash);
                ps.setLong(4, org.createdAt().toEpochMilli());
                ps.setString(5, org.timezone());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            PostgresChanges.registry(c, List.of(new Pending(Kind.ORG, org.id())));
            return true;
        });
    }

    @Override
    public void updateOrgApiKey(String orgId, String apiKeyHash) {
        PostgresWork.inTransaction(database, "store the new API key of org " + orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orgs SET api_key_hash = ? WHERE id = ?")) {
                ps.setString(1, apiKeyHash);
                ps.setString(2, orgId);
                ps.executeUpdate();
            }
            PostgresChanges.registry(c, List.of(new Pending(Kind.ORG, orgId)));
            return true;
        });
    }

    @Override
    public void updateOrgTimezone(String orgId, String timezone) {
        PostgresWork.inTransaction(database, "store the timezone of org " + orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orgs SET timezone = ? WHERE id = ?")) {
                ps.setString(1, timezone);
                ps.setString(2, orgId);
                ps.executeUpdate();
            }
            PostgresChanges.registry(c, List.of(new Pending(Kind.ORG, orgId)));
            return true;
        });
    }

    @Override
    public boolean insertDefinitionVersion(EventDefinition d) {
        return PostgresWork.inTransaction(database, "store event " + d.name(), c -> {
            if (!insertDefinitionVersion(c, d)) {
                return false;
            }
            PostgresChanges.registry(c, List.of(new Pending(Kind.DEFINITION, d.id())));
            return true;
        });
    }

    /**
     * Inserts the version on {@code c}, inside the caller's transaction, without its change row (the
     * caller writes that last, see {@link PostgresChanges}). False when the version exists, or for
     * version 1 when the org has an event of that name: the primary key and the unique index on first
     * versions decide it, so two nodes racing get one true and one false.
     */
    static boolean insertDefinitionVersion(Connection c, EventDefinition d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_definitions (id, version, org_id, name, definition)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, d.id());
            ps.setInt(2, d.version());
            ps.setString(3, d.orgId());
            ps.setString(4, d.name());
            ps.setString(5, DefinitionJson.write(d));
            return ps.executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot store event " + d.name() + ": " + e.getMessage(), e, false);
        }
    }

    @Override
    public void upsertWebhook(Webhook w) {
        PostgresWork.inTransaction(database, "store webhook " + w.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(RegistryRows.UPSERT_WEBHOOK)) {
                RegistryRows.bindWebhook(ps, w, false);
                ps.executeUpdate();
            }
            PostgresChanges.registry(c, List.of(new Pending(Kind.WEBHOOK, w.id())));
            return null;
        });
    }

    @Override
    public Optional<String> setting(String key) {
        return PostgresWork.run(database, "read setting " + key,
                c -> list(c, "SELECT value FROM settings WHERE key = ?", key, rs -> rs.getString(1)).stream().findFirst());
    }

    @Override
    public void putSetting(String key, String value) {
        writeSetting("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    @Override
    public boolean putSettingIfAbsent(String key, String value) {
        return writeSetting("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value) == 1;
    }

    private int writeSetting(String sql, String key, String value) {
        return PostgresWork.run(database, "write setting " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                ps.setString(2, value);
                return ps.executeUpdate();
            }
        });
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, Object param, Row<T> row) throws SQLException {
        List<T> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setObject(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(row.map(rs));
                }
            }
        }
        return items;
    }

    private static EventDefinition definition(ResultSet rs) throws SQLException {
        try {
            return DefinitionJson.read(rs.getString(1));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read an event definition: " + e.getMessage(), e, false);
        }
    }
}
