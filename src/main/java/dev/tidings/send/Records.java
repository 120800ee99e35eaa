package dev.tidings.send;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The events of one file, one by one with their line (NDJSON) or row (CSV, header = line 1) number:
 * NDJSON lines go as they are (the server rejects a line that is not JSON on its own), CSV rows become
 * JSON objects of their non-empty cells (the intake reads numeric and boolean strings by the definition).
 */
final class Records implements Iterator<Records.Record>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its 1-based line (or row) number and the JSON text to send. */
    record Record(long line, String json) {}

    private final BufferedReader ndjson;
    private final MappingIterator<Map<String, String>> csv;
    private long line;
    private Record next;

    private Records(BufferedReader ndjson, MappingIterator<Map<String, String>> csv) {
        this.ndjson = ndjson;
        this.csv = csv;
        this.line = csv != null ? 1 : 0;
    }

    static Records open(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase().endsWith(".csv")) {
            CsvMapper mapper = new CsvMapper();
            MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            return new Records(null, rows);
        }
        return new Records(Files.newBufferedReader(file, StandardCharsets.UTF_8), null);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record r = next;
        next = null;
        return r;
    }

    private Record read() {
        try {
            if (csv != null) {
                if (!csv.hasNextValue()) {
                    return null;
                }
                Map<String, String> row = csv.nextValue();
                line++;
                ObjectNode event = JSON.createObjectNode();
                row.forEach((k, v) -> {
                    if (v != null && !v.isEmpty()) {
                        event.put(k, v);
                    }
                });
                return new Record(line, event.toString());
            }
            String text;
            while ((text = ndjson.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    return new Record(line, text);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        } else {
            ndjson.close();
        }
    }
}
