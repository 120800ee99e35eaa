package dev.tidings.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Prints one line a second, so that a run going wrong (errors, a collapsing rate, a growing tail) is
 * visible while it happens rather than only in the summary. Lines go to stderr so that
 * {@code --json} output on stdout stays machine-readable.
 *
 * <p>Owned by the event-loop thread: its timer runs there, next to the {@link Tally} it reads.
 */
final class ProgressPrinter {

    private final Tally tally;
    private final MeasuredWindow window;
    private final LongSupplier clock;
    private final PrintWriter out;
    private final long start;
    private long lastAnswers;
    private long lastWarmupAnswers;

    ProgressPrinter(Tally tally, MeasuredWindow window, LongSupplier clock, PrintWriter out, long start) {
        this.tally = tally;
        this.window = window;
        this.clock = clock;
        this.out = out;
        this.start = start;
    }

    /** Called once a second. */
    void tick() {
        long now = clock.getAsLong();
        tally.rollInterval();
        Histogram total = tally.total();
        long answers = tally.answerCount();
        long warmup = tally.warmupAnswerCount();
        long perSecond = answers - lastAnswers + warmup - lastWarmupAnswers;
        lastAnswers = answers;
        lastWarmupAnswers = warmup;
        double elapsed = (now - start) / 1e9;
        if (!window.measured(now)) {
            out.printf(Locale.ROOT, "%6.1fs  warmup  %8d req/s%n", elapsed, perSecond);
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%6.1fs  %8d req/s  p99 %8.3f ms  errors %d  timeouts %d  not-1100 %d%n",
                elapsed, perSecond, total.getValueAtPercentile(99) / 1000.0,
                tally.errorCount(), tally.timeoutCount(), nonOk());
        out.flush();
    }

    private long nonOk() {
        long ok = tally.statusCounts().getOrDefault(200, 0L);
        return tally.answerCount() - ok + tally.bad1100Count();
    }
}
