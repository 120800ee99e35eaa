package dev.tidings.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeMap;

/**
 * {@code --checkpoint FILE}: per input file, the last line up to which every batch was acknowledged.
 * Batches finish out of order (several are in flight), so the mark moves only over a contiguous prefix
 * of finished batches. Written to a temp file and moved into place, so a crash leaves the old or the
 * new checkpoint, never half of one. Thread-safe.
 */
final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode done;
    /** Per current input: batches finished beyond the mark, by first line → last line. */
    private final TreeMap<Long, Long> finished = new TreeMap<>();
    /** First lines of batches in flight. */
    private final java.util.TreeSet<Long> inFlight = new java.util.TreeSet<>();
    private String input;

    Checkpoint(Path file) {
        this.file = file;
        try {
            this.done = file != null && Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last acknowledged line of {@code input} (0 when none); starts tracking it. */
    synchronized long start(Path input) {
        this.input = input.toAbsolutePath().toString();
        finished.clear();
        inFlight.clear();
        return done.path(this.input).asLong(0);
    }

    synchronized void sending(long firstLine) {
        inFlight.add(firstLine);
    }

    /** A batch was answered; moves the mark over every batch finished before the oldest still in flight. */
    synchronized void acknowledged(long firstLine, long lastLine) {
        inFlight.remove(firstLine);
        finished.put(firstLine, lastLine);
        long mark = done.path(input).asLong(0);
        Long oldest = inFlight.isEmpty() ? null : inFlight.first();
        while (!finished.isEmpty() && (oldest == null || finished.firstKey() < oldest)) {
            mark = Math.max(mark, finished.pollFirstEntry().getValue());
        }
        if (mark != done.path(input).asLong(0)) {
            done.put(input, mark);
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, done.toString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
