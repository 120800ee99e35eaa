package dev.tidings.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch body into its events: a JSON array (each element re-serialized as its raw body) or
 * NDJSON (each non-blank line as it was sent; a line that is not JSON is left for the intake to reject
 * alone). Enforces the batch's own limits; an event over the per-event limit is marked, not dropped.
 */
final class BatchReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its raw bytes and, for array elements, the parsed tree. */
    record Item(byte[] raw, JsonNode parsed, boolean tooLarge) {}

    /** The events, or the one failure of the whole body. */
    record Read(List<Item> items, IntakeError failure, String message) {
        static Read failed(IntakeError failure, String message) {
            return new Read(List.of(), failure, message);
        }
    }

    private final ObjectReader json;
    private final int maxEvents;
    private final int maxEventBytes;

    BatchReader(IntakeJson json, int maxEvents, int maxEventBytes) {
        this.json = json.reader();
        this.maxEvents = maxEvents;
        this.maxEventBytes = maxEventBytes;
    }

    int maxEventBytes() {
        return maxEventBytes;
    }

    Read array(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return Read.failed(IntakeError.NOT_A_BATCH, "Batch is not valid JSON: " + e.getOriginalMessage()
                    + " (send a JSON array of events, or " + BatchHandler.NDJSON + " with one event per line)");
        } catch (IOException e) {
            return Read.failed(IntakeError.NOT_A_BATCH, "Batch is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            return Read.failed(IntakeError.NOT_A_BATCH, "Batch must be a JSON array of events, got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        Read limit = limits(root.size());
        if (limit != null) {
            return limit;
        }
        List<Item> items = new ArrayList<>(root.size());
        for (JsonNode element : root) {
            byte[] raw;
            try {
                raw = JSON.writeValueAsBytes(element);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed tree always serializes", e);
            }
            items.add(new Item(raw, element, raw.length > maxEventBytes));
        }
        return new Read(items, null, null);
    }

    Read ndjson(byte[] body) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (!blank(body, start, end)) {
                    if (items.size() == maxEvents) {
                        return tooMany();
                    }
                    byte[] line = java.util.Arrays.copyOfRange(body, start, end);
                    items.add(new Item(line, null, line.length > maxEventBytes));
                }
                start = i + 1;
            }
        }
        Read limit = limits(items.size());
        return limit != null ? limit : new Read(items, null, null);
    }

    private Read limits(int events) {
        if (events == 0) {
            return Read.failed(IntakeError.BATCH_EMPTY, "Batch has no events: send 1 to " + maxEvents);
        }
        return events > maxEvents ? tooMany() : null;
    }

    private Read tooMany() {
        return Read.failed(IntakeError.BATCH_TOO_LARGE, "Batch has more than " + maxEvents
                + " events (--max-batch-events): split it");
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
