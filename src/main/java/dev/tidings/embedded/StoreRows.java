package dev.tidings.embedded;

import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import dev.tidings.store.StoredEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.registry.FieldProblem;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns rows of {@code requests} and {@code events} back into the records the pipeline wrote. */
final class StoreRows {
    static final String REQUEST_COLUMNS =
            "request_id, org_id, webhook_id, event_name, status, reason, test, received_at, states, errors";
    static final String EVENT_COLUMNS = "request_id, org_id, event_name, customer_id, identifier_type, identifier_value,"
            + " event_time, received_at, attributes, is_duplicate, test, unique_key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<RequestRecord.State>> STATES = new TypeReference<>() {};
    private static final TypeReference<List<FieldProblem>> PROBLEMS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {};

    private StoreRows() {}

    static RequestRecord request(ResultSet rs) throws SQLException {
        String errors = rs.getString(10);
        return new RequestRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RequestStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7) != 0, rs.getLong(8),
                read(rs.getString(9), STATES), errors == null ? List.of() : read(errors, PROBLEMS));
    }

    static StoredEvent event(ResultSet rs) throws SQLException {
        Map<String, Object> attributes = read(rs.getString(9), ATTRIBUTES);
        return new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                new StoredEvent.CustomerRef(rs.getString(4), rs.getString(5), rs.getString(6)),
                rs.getLong(7), rs.getLong(8), attributes, rs.getInt(10) != 0, rs.getInt(11) != 0, rs.getString(12));
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new SQLException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
