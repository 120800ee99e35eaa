package dev.tidings.send;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of {@code tidings send}: a progress bar (events, events/s, ETA) on a terminal, plain lines
 * at most every two seconds otherwise (logs, CI), so a redirected run stays readable. Thread-safe.
 */
final class SendProgress implements AutoCloseable {
    private static final long LINE_EVERY_NANOS = 2_000_000_000L;

    private final ProgressBar bar;
    private final PrintWriter out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastLine = System.nanoTime();

    SendProgress(boolean terminal, long total, PrintWriter out) {
        this.total = total;
        this.out = out;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("send").setInitialMax(total).setUnit(" events", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().build() : null;
    }

    synchronized void add(long events) {
        done += events;
        if (bar != null) {
            bar.stepBy(events);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= LINE_EVERY_NANOS || done == total) {
            lastLine = now;
            double seconds = (now - startNanos) / 1e9;
            out.printf("sent %d/%d events (%.0f events/s)%n", done, total, seconds > 0 ? done / seconds : 0);
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
