package dev.tidings.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tidings.store.SqliteDatabase;
import dev.tidings.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registry in the embedded SQLite store. One connection, used by one admin write at a time. */
public final class SqliteRegistryStore implements RegistryStore {
    // Derived accessors such as EventDefinition.isDraft() are written as extra fields ("draft"); reading
    // must skip them, or a data dir holding any definition can never be opened again.
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Connection connection;

    public SqliteRegistryStore(SqliteDatabase database) {
        this.connection = database.connect();
    }

    @Override
    public synchronized Snapshot load() {
        try {
            List<StoredOrg> orgs = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, name, api_key_hash, created_at FROM orgs");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(new StoredOrg(new Org(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(4))),
                            rs.getString(3)));
                }
            }
            List<EventDefinition> definitions = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT definition FROM event_definitions ORDER BY id, version");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    definitions.add(JSON.readValue(rs.getString(1), EventDefinition.class));
                }
            }
            List<Webhook> webhooks = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, org_id, name, uniqueness_check, enabled,"
                    + " credential_hash, created_at, updated_at, previous_credential_hash, previous_valid_until FROM webhooks");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long until = rs.getLong(10);
                    Instant previousValidUntil = rs.wasNull() ? null : Instant.ofEpochMilli(until);
                    webhooks.add(new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1,
                            rs.getInt(5) == 1, rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                            Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), previousValidUntil));
                }
            }
            return new Snapshot(orgs, definitions, webhooks);
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot load the registry: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean insertOrg(Org org, String apiKeyHash) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO orgs (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, org.id());
            ps.setString(2, org.name());
            ps.setString(3, apiKeyHash);
            ps.setLong(4, org.createdAt().toEpochMilli());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot store org " + org.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean insertDefinitionVersion(EventDefinition d) {
        String sql = d.version() == 1
                ? "INSERT INTO event_definitions (id, version, org_id, name, definition) SELECT ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM event_definitions WHERE org_id = ? AND name = ?)"
                : "INSERT INTO event_definitions (id, version, org_id, name, definition) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, d.id());
            ps.setInt(2, d.version());
            ps.setString(3, d.orgId());
            ps.setString(4, d.name());
            ps.setString(5, JSON.writeValueAsString(d));
            if (d.version() == 1) {
                ps.setString(6, d.orgId());
                ps.setString(7, d.name());
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot store event " + d.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void upsertWebhook(Webhook w) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO webhooks (id, org_id, name, uniqueness_check,"
                + " enabled, credential_hash, created_at, updated_at, previous_credential_hash, previous_valid_until)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, uniqueness_check = excluded.uniqueness_check,"
                + " enabled = excluded.enabled, credential_hash = excluded.credential_hash, updated_at = excluded.updated_at,"
                + " previous_credential_hash = excluded.previous_credential_hash,"
                + " previous_valid_until = excluded.previous_valid_until")) {
            ps.setString(1, w.id());
            ps.setString(2, w.orgId());
            ps.setString(3, w.name());
            ps.setInt(4, w.uniquenessCheck() ? 1 : 0);
            ps.setInt(5, w.enabled() ? 1 : 0);
            ps.setString(6, w.credentialHash());
            ps.setLong(7, w.createdAt().toEpochMilli());
            ps.setLong(8, w.updatedAt().toEpochMilli());
            ps.setString(9, w.previousCredentialHash());
            ps.setObject(10, w.previousValidUntil() == null ? null : w.previousValidUntil().toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store webhook " + w.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void updateOrgApiKey(String orgId, String apiKeyHash) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE orgs SET api_key_hash = ? WHERE id = ?")) {
            ps.setString(1, apiKeyHash);
            ps.setString(2, orgId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the new API key of org " + orgId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> setting(String key) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read setting " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void putSetting(String key, String value) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write setting " + key + ": " + e.getMessage(), e);
        }
    }
}
