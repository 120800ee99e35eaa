package dev.tidings.store;

import dev.tidings.registry.Org;
import dev.tidings.registry.RegistryStore.StoredOrg;
import dev.tidings.registry.Webhook;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The registry's rows as every registry store reads them: the same columns in SQLite and PostgreSQL
 * (flags read with {@code getBoolean}, which takes SQLite's 0/1 and PostgreSQL's BOOLEAN alike).
 */
public final class RegistryRows {
    public static final String ORG = "SELECT id, name, api_key_hash, created_at, timezone FROM orgs";
    public static final String WEBHOOK = "SELECT id, org_id, name, uniqueness_check, enabled, credential_hash,"
            + " created_at, updated_at, previous_credential_hash, previous_valid_until FROM webhooks";

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
                rs.getString(9), previousValidUntil);
    }
}
