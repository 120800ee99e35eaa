package dev.tidings.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of {@code tidings send}: reads each file, cuts it into batches, posts up to
 * {@code concurrency} at once (paced by {@code rate} events/s when set), writes each rejected line to
 * {@code FILE.rejected.ndjson}, moves the checkpoint, and sums up. The reading thread owns the files;
 * batches are posted and answered on the pool's threads.
 */
final class SendRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Settings(int batchSize, int concurrency, double rate, Path checkpoint, boolean terminal) {}

    /** What happened; {@code failed} counts events whose batch got no usable answer. */
    record Summary(long sent, long accepted, long rejected, long failed, long skipped) {
        int exitCode() {
            return rejected == 0 && failed == 0 ? 0 : 1;
        }
    }

    private final BatchPoster poster;
    private final Settings settings;
    private final PrintWriter out;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SendRun(BatchPoster poster, Settings settings, PrintWriter out) {
        this.poster = poster;
        this.settings = settings;
        this.out = out;
    }

    Summary run(List<Path> files) throws IOException, InterruptedException {
        Checkpoint checkpoint = new Checkpoint(settings.checkpoint());
        long sent = 0;
        long skipped = 0;
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "tidings-send");
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(settings.concurrency());
        long startNanos = System.nanoTime();
        try {
            for (Path file : files) {
                long after = checkpoint.start(file);
                long total = count(file);
                try (Records records = Records.open(file);
                        BufferedWriter rejects = Files.newBufferedWriter(rejectedFile(file), StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        SendProgress progress = new SendProgress(settings.terminal(), total, out)) {
                    List<Records.Record> batch = new ArrayList<>(settings.batchSize());
                    while (records.hasNext()) {
                        Records.Record r = records.next();
                        if (r.line() <= after) {
                            skipped++;
                            progress.add(1);
                            continue;
                        }
                        batch.add(r);
                        if (batch.size() == settings.batchSize() || !records.hasNext()) {
                            pace(startNanos, sent + batch.size());
                            slots.acquire();
                            List<Records.Record> posting = batch;
                            checkpoint.sending(posting.get(0).line());
                            pool.execute(() -> {
                                try {
                                    post(posting, checkpoint, rejects, progress);
                                } finally {
                                    slots.release();
                                }
                            });
                            sent += posting.size();
                            batch = new ArrayList<>(settings.batchSize());
                        }
                    }
                    // Every batch of this file answered before its rejected file and progress close.
                    slots.acquire(settings.concurrency());
                    slots.release(settings.concurrency());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return new Summary(sent, accepted.get(), rejected.get(), failed.get(), skipped);
    }

    private void post(List<Records.Record> batch, Checkpoint checkpoint, BufferedWriter rejects, SendProgress progress) {
        StringBuilder body = new StringBuilder(batch.size() * 200);
        for (Records.Record r : batch) {
            body.append(r.json()).append('\n');
        }
        BatchPoster.Answer answer;
        try {
            answer = poster.post(body.toString());
        } catch (IOException e) {
            failed(batch, "cannot reach " + poster.url() + ": " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        JsonNode results = answer.body() == null ? null : answer.body().get("results");
        if ((answer.status() != 200 && answer.status() != 400) || results == null || results.size() != batch.size()) {
            failed(batch, "HTTP " + answer.status() + ": " + (answer.body() == null ? "no answer body"
                    : answer.body().path("status").path("message").asText()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = results.get(i);
            if (result.path("status").path("code").asInt() == 1100) {
                accepted.incrementAndGet();
            } else {
                rejected.incrementAndGet();
                writeRejected(rejects, batch.get(i), result);
            }
        }
        progress.add(batch.size());
        checkpoint.acknowledged(batch.get(0).line(), batch.get(batch.size() - 1).line());
    }

    private void writeRejected(BufferedWriter rejects, Records.Record record, JsonNode result) {
        ObjectNode line = JSON.createObjectNode();
        line.put("line", record.line());
        line.put("event", record.json());
        line.put("requestId", result.path("requestId").asText());
        line.set("status", result.path("status"));
        line.set("errors", result.path("errors"));
        synchronized (rejects) {
            try {
                rejects.write(line.toString());
                rejects.newLine();
                rejects.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void failed(List<Records.Record> batch, String why) {
        failed.addAndGet(batch.size());
        synchronized (out) {
            out.println("tidings send: lines " + batch.get(0).line() + "-" + batch.get(batch.size() - 1).line()
                    + " not sent: " + why);
            out.flush();
        }
    }

    /** Holds the reader back so that no more than {@code rate} events per second leave. */
    private void pace(long startNanos, long eventsAfterThisBatch) throws InterruptedException {
        if (settings.rate() <= 0) {
            return;
        }
        long due = startNanos + (long) (eventsAfterThisBatch / settings.rate() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static Path rejectedFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".rejected.ndjson");
    }

    private static long count(Path file) throws IOException {
        long n = 0;
        try (Records records = Records.open(file)) {
            while (records.hasNext()) {
                records.next();
                n++;
            }
        }
        return n;
    }
}
