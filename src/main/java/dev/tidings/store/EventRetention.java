package dev.tidings.store;

import dev.tidings.store.CustomerErasure.EventKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Event retention ({@code --event-retention}), for both read stores: one chunk deletes up to
 * {@link #CHUNK} stored events of one org older than the cutoff, with their request records, kept
 * bodies, outbox entries and the unique keys they claimed. Each chunk is the caller's own short
 * transaction, so the pipeline never waits long for SQLite's write lock. Victims are found per org over
 * the existing {@code events_by_time (org_id, event_time, request_id)} index: no index is added to the
 * events table, whose every index the pipeline pays for on each insert.
 *
 * <p>An event goes when its event time is before the cutoff and it was also received before it: a
 * backfill of old events is stored, delivered and counted by loyalty first, and goes one retention
 * after it arrived. Loyalty rows (ledger, awards, evaluations) are kept: the ledger is a financial record.
 */
public final class EventRetention {
    public static final int CHUNK = 500;

    /** The victims' keys; binds org, cutoff, cutoff, limit, then {@code suffix} (PostgreSQL's row locking). */
    private static final String VICTIMS = "SELECT request_id, unique_key FROM events WHERE org_id = ? AND event_time < ?"
            + " AND received_at < ? ORDER BY event_time, request_id LIMIT ?";

    private EventRetention() {}

    /** Every org id: retention runs per org, as the index is. */
    public static List<String> orgs(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM orgs ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * Deletes one chunk of the org's events older than {@code cutoff}, in the caller's transaction, and
     * returns how many events went (fewer than {@link #CHUNK}: the org has no more). {@code lockSuffix}
     * is appended to the victims' SELECT ({@code ""}, or PostgreSQL's {@code FOR UPDATE SKIP LOCKED} so
     * two nodes purging at once share the work instead of waiting on each other).
     */
    public static int purgeChunk(Connection c, String orgId, long cutoff, String lockSuffix) throws SQLException {
        return purgeChunk(c, orgId, cutoff, lockSuffix, List.of());
    }

    /**
     * As {@link #purgeChunk(Connection, String, long, String)}, also running {@code alsoPerEvent} for each
     * victim before its events row goes: a store's own rows of the event, each statement binding
     * {@code ?1} the request id and {@code ?2} the org id.
     */
    public static int purgeChunk(Connection c, String orgId, long cutoff, String lockSuffix, List<String> alsoPerEvent)
            throws SQLException {
        List<EventKey> victims = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(VICTIMS + lockSuffix)) {
            ps.setString(1, orgId);
            ps.setLong(2, cutoff);
            ps.setLong(3, cutoff);
            ps.setInt(4, CHUNK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    victims.add(new EventKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        if (victims.isEmpty()) {
            return 0;
        }
        CustomerErasure.uniqueKeys(c, orgId, victims);
        CustomerErasure.perRequest(c, CustomerErasure.DELETE_KEPT_BODY, orgId, victims);
        CustomerErasure.perRequest(c, CustomerErasure.DELETE_REQUEST, orgId, victims);
        CustomerErasure.perRequest(c, CustomerErasure.DELETE_OUTBOX_ENTRY, orgId, victims);
        for (String sql : alsoPerEvent) {
            CustomerErasure.perRequest(c, sql, orgId, victims);
        }
        CustomerErasure.perRequest(c, "DELETE FROM events WHERE request_id = ? AND org_id = ?", orgId, victims);
        return victims.size();
    }
}
