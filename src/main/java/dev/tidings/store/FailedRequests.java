package dev.tidings.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The pipeline's side of a reprocess, the same SQL on both stores: a request id that already has a
 * record is read back only when that record is FAILED, and only a FAILED record is replaced, so a
 * processed request is never rewritten by a second or late re-run.
 */
public final class FailedRequests {
    private static final String FIND = "SELECT " + StoreRows.REQUEST_COLUMNS
            + " FROM requests WHERE request_id = ? AND org_id = ? AND status = 'FAILED'";
    private static final String REPLACE = "UPDATE requests SET status = ?, reason = ?, test = ?, states = ?, errors = ?"
            + " WHERE request_id = ? AND org_id = ? AND status = 'FAILED'";

    private FailedRequests() {}

    public static Optional<RequestRecord> find(Connection c, String orgId, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, requestId);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(StoreRows.request(rs)) : Optional.empty();
            }
        }
    }

    public static void replace(Connection c, RequestRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REPLACE)) {
            ps.setString(1, r.status().name());
            ps.setString(2, r.reason());
            ps.setBoolean(3, r.test());
            ps.setString(4, StoreJson.states(r.states()));
            ps.setString(5, r.errors().isEmpty() ? null : StoreJson.errors(r.errors()));
            ps.setString(6, r.requestId());
            ps.setString(7, r.orgId());
            ps.executeUpdate();
        }
    }
}
