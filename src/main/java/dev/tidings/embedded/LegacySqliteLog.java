package dev.tidings.embedded;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.LogCodec;
import dev.tidings.log.LogRecord;
import dev.tidings.log.RejectedRequest;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.registry.ValidationResult;
import dev.tidings.store.StoreException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts rows an older release left in {@code event_log} (raw bodies, ordinal kinds) into
 * {@code log_records}, keeping their positions, in one transaction at start. Those requests were
 * answered already, so they are typed here once, under the definition version they were accepted
 * with; one that no longer types is carried without a customer and the pipeline records it FAILED.
 */
public final class LegacySqliteLog {
    private static final Logger LOG = LoggerFactory.getLogger(LegacySqliteLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FieldProblem>> PROBLEMS = new TypeReference<>() {};

    private LegacySqliteLog() {}

    public static void upgrade(SqliteDatabase log, Registry registry) {
        try (Connection c = log.connect()) {
            c.setAutoCommit(false);
            int converted = 0;
            try (PreparedStatement read = c.prepareStatement("SELECT position, request_id, org_id, webhook_id, event_name,"
                    + " definition_id, definition_version, received_at, test, kind, error_code, errors, body"
                    + " FROM event_log ORDER BY position");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO log_records (position, payload) VALUES (?, ?)");
                    ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    LogRecord record = rs.getInt(10) == 0
                            ? accepted(registry, rs)
                            : new RejectedRequest(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getInt(9) == 1, rs.getInt(11),
                                    errors(rs.getString(12)), rs.getBytes(13));
                    insert.setLong(1, rs.getLong(1));
                    insert.setBytes(2, LogCodec.encode(record));
                    insert.executeUpdate();
                    converted++;
                }
            }
            if (converted > 0) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM event_log");
                }
                LOG.info("Converted {} event log entries of an older release to the current format", converted);
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot convert the older event log: " + e.getMessage(), e);
        }
    }

    private static AcceptedEvent accepted(Registry registry, ResultSet rs) throws SQLException {
        ActiveDefinition definition = registry.definitionVersion(rs.getString(6), rs.getInt(7));
        ObjectNode body = parse(rs.getBytes(13));
        ValidationResult typed = definition == null || body == null ? null : definition.validator().validate(body);
        boolean valid = typed != null && typed.valid();
        ActiveWebhook webhook = registry.webhook(rs.getString(4));
        List<String> unique = valid && webhook != null && webhook.webhook().uniquenessCheck()
                ? definition.uniqueValues(body) : null;
        return new AcceptedEvent(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getLong(8), rs.getInt(9) == 1, valid ? typed.customerValue() : null,
                valid ? typed.eventDateTime() : null, valid ? typed.attributes() : Map.of(), unique, rs.getBytes(13));
    }

    private static ObjectNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<FieldProblem> errors(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, PROBLEMS);
        } catch (IOException e) {
            return List.of(FieldProblem.whole("UNREADABLE", "The recorded errors could not be read"));
        }
    }
}
