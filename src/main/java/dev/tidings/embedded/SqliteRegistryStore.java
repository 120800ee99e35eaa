package dev.tidings.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * The registry in the embedded SQLite store. One connection, used by one admin call at a time; each
 * write and its change-feed row commit together. The pipeline writes verified definitions through
 * {@link #insertDefinitionVersion(Connection, EventDefinition)} on its own connection, inside its batch.
 */
public final class SqliteRegistryStore implements RegistryStore {

    private final Connection connection;

    public SqliteRegistryStore(SqliteDatabase database) {
        this.connection = database.connect();
    }

    @Override
    public synchronized Snapshot load() {
        try {
            List<StoredOrg> orgs = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(RegistryRows.ORG); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(RegistryRows.org(rs));
                }
            }
            List<EventDefinition> definitions = definitions("SELECT definition FROM event_definitions ORDER BY id, version", null);
            List<Webhook> webhooks = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(RegistryRows.WEBHOOK); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    webhooks.add(RegistryRows.webhook(rs));
                }
            }
            return new Snapshot(orgs, definitions, webhooks);
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot load the registry", e);
        }
    }

    @Override
    public synchronized long lastChange() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM registry_changes");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the registry changes", e);
        }
    }

    @Override
    public synchronized List<Change> changesAfter(long seq) {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT seq, kind, entity_id FROM registry_changes WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read the registry changes", e);
        }
    }

    @Override
    public synchronized Optional<StoredOrg> org(String id) {
        try (PreparedStatement ps = connection.prepareStatement(RegistryRows.ORG + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(RegistryRows.org(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read org " + id, e);
        }
    }

    @Override
    public synchronized List<EventDefinition> definitionVersions(String definitionId) {
        try {
            return definitions("SELECT definition FROM event_definitions WHERE id = ? ORDER BY version", definitionId);
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read event definition " + definitionId, e);
        }
    }

    @Override
    public synchronized Optional<Webhook> webhook(String id) {
        try (PreparedStatement ps = connection.prepareStatement(RegistryRows.WEBHOOK + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(RegistryRows.webhook(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read webhook " + id, e);
        }
    }

    @Override
    public synchronized boolean insertOrg(Org org, String apiKeyHash) {
        return inTransaction("store org " + org.id(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO orgs (id, name, api_key_hash, created_at, timezone) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, org.id());
                ps.setString(2, org.name());
                ps.setString(3, apiKeyHash);
                ps.setLong(4, org.createdAt().toEpochMilli());
                ps.setString(5, org.timezone());
                return ps.executeUpdate() == 1 && changed(connection, Kind.ORG, org.id());
            }
        });
    }

    @Override
    public synchronized void updateOrgApiKey(String orgId, String apiKeyHash) {
        inTransaction("store the new API key of org " + orgId, () -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE orgs SET api_key_hash = ? WHERE id = ?")) {
                ps.setString(1, apiKeyHash);
                ps.setString(2, orgId);
                ps.executeUpdate();
                return changed(connection, Kind.ORG, orgId);
            }
        });
    }

    @Override
    public synchronized void updateOrgTimezone(String orgId, String timezone) {
        inTransaction("store the timezone of org " + orgId, () -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE orgs SET timezone = ? WHERE id = ?")) {
                ps.setString(1, timezone);
                ps.setString(2, orgId);
                ps.executeUpdate();
                return changed(connection, Kind.ORG, orgId);
            }
        });
    }

    @Override
    public synchronized boolean insertDefinitionVersion(EventDefinition d) {
        return inTransaction("store event " + d.name(), () -> insertDefinitionVersion(connection, d));
    }

    /** Inserts a definition version and its change row on {@code c}, inside the caller's transaction. */
    boolean insertDefinitionVersion(Connection c, EventDefinition d) {
        String sql = d.version() == 1
                ? "INSERT INTO event_definitions (id, version, org_id, name, definition) SELECT ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM event_definitions WHERE org_id = ? AND name = ?)"
                : "INSERT INTO event_definitions (id, version, org_id, name, definition) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id, version) DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.id());
            ps.setInt(2, d.version());
            ps.setString(3, d.orgId());
            ps.setString(4, d.name());
            ps.setString(5, DefinitionJson.write(d));
            if (d.version() == 1) {
                ps.setString(6, d.orgId());
                ps.setString(7, d.name());
            }
            return ps.executeUpdate() == 1 && changed(c, Kind.DEFINITION, d.id());
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot store event " + d.name(), e);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot store event " + d.name() + ": " + e.getMessage(), e, false);
        }
    }

    @Override
    public synchronized void upsertWebhook(Webhook w) {
        inTransaction("store webhook " + w.id(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(RegistryRows.UPSERT_WEBHOOK)) {
                RegistryRows.bindWebhook(ps, w, true);
                ps.executeUpdate();
                return changed(connection, Kind.WEBHOOK, w.id());
            }
        });
    }

    @Override
    public synchronized Optional<String> setting(String key) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot read setting " + key, e);
        }
    }

    @Override
    public synchronized void putSetting(String key, String value) {
        writeSetting("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    @Override
    public synchronized boolean putSettingIfAbsent(String key, String value) {
        return writeSetting("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value) == 1;
    }

    private int writeSetting(String sql, String key, String value) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, value);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot write setting " + key, e);
        }
    }

    private interface Write {
        boolean run() throws SQLException;
    }

    /** Runs one write and its change row as a transaction; true when it changed something. */
    private boolean inTransaction(String what, Write write) {
        try {
            connection.setAutoCommit(false);
            try {
                boolean changed = write.run();
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("cannot " + what, e);
        }
    }

    private static boolean changed(Connection c, Kind kind, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_changes (kind, entity_id, at) VALUES (?, ?, ?)")) {
            ps.setString(1, kind.name());
            ps.setString(2, id);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
            return true;
        }
    }

    private List<EventDefinition> definitions(String sql, String id) throws SQLException {
        List<EventDefinition> definitions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    definitions.add(DefinitionJson.read(rs.getString(1)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read an event definition: " + e.getMessage(), e, false);
        }
        return definitions;
    }
}
