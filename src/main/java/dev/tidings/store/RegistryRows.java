package dev.tidings.store;

import dev.tidings.registry.Org;
import dev.tidings.registry.RegistryStore.StoredOrg;
import dev.tidings.registry.Webhook;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The registry's rows as every registry store reads them: the same columns in SQLite and PostgreSQL
 * (flags read with {@code getBoolean}, which takes SQLite's 0/1 and PostgreSQL's BOOLEAN alike).
 */
public final class RegistryRows {
    public static final String ORG = "SELECT id, name, api_key_hash, created_at, timezone FROM orgs";
    public static final String WEBHOOK = "SELECT id, org_id, name, uniqueness_check, enabled, credential_hash,"
            + " created_at, updated_at, previous_credential_hash, previous_valid_until, mapping, rate_limit FROM webhooks";
    /** Inserts or replaces a webhook row; bind it with {@link #bindWebhook}. Same SQL in SQLite and PostgreSQL. */
    public static final String UPSERT_WEBHOOK = "INSERT INTO webhooks (id, org_id, name, uniqueness_check,"
            + " enabled, credential_hash, created_at, updated_at, previous_credential_hash, previous_valid_until, mapping, rate_limit)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, uniqueness_check = excluded.uniqueness_check,"
            + " enabled = excluded.enabled, credential_hash = excluded.credential_hash, updated_at = excluded.updated_at,"
            + " previous_credential_hash = excluded.previous_credential_hash,"
            + " previous_valid_until = excluded.previous_valid_until, mapping = excluded.mapping, rate_limit = excluded.rate_limit";

    private RegistryRows() {}

    /** A row of {@link #ORG}. */
    public static StoredOrg org(ResultSet rs) throws SQLException {
        return new StoredOrg(new Org(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)), rs.getString(3));
    }

    /** A row of {@link #WEBHOOK}. */
    public static Webhook webhook(ResultSet rs) throws SQLException {
        long until = rs.getLong(10);
        Instant previousValidUntil = rs.wasNull() ? null : Instant.ofEpochMilli(until);
        return new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                rs.getString(9), previousValidUntil, rs.getString(11), rateLimit(rs));
    }

    private static Integer rateLimit(ResultSet rs) throws SQLException {
        int limit = rs.getInt(12);
        return rs.wasNull() ? null : limit;
    }

    /**
     * Binds {@link #UPSERT_WEBHOOK}; {@code booleansAsInts} for SQLite, which keeps flags as 0/1.
     */
    public static void bindWebhook(PreparedStatement ps, Webhook w, boolean booleansAsInts) throws SQLException {
        ps.setString(1, w.id());
        ps.setString(2, w.orgId());
        ps.setString(3, w.name());
        if (booleansAsInts) {
            ps.setInt(4, w.uniquenessCheck() ? 1 : 0);
            ps.setInt(5, w.enabled() ? 1 : 0);
        } else {
            ps.setBoolean(4, w.uniquenessCheck());
            ps.setBoolean(5, w.enabled());
        }
        ps.setString(6, w.credentialHash());
        ps.setLong(7, w.createdAt().toEpochMilli());
        ps.setLong(8, w.updatedAt().toEpochMilli());
        ps.setString(9, w.previousCredentialHash());
        if (w.previousValidUntil() == null) {
            ps.setNull(10, Types.BIGINT);
        } else {
            ps.setLong(10, w.previousValidUntil().toEpochMilli());
        }
        ps.setString(11, w.mapping());
        if (w.rateLimit() == null) {
            ps.setNull(12, Types.INTEGER);
        } else {
            ps.setInt(12, w.rateLimit());
        }
    }
}
