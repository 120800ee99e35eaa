package dev.tidings.bench;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts what happened to the measured requests: answers by HTTP status, 200s that were not the 1100
 * answer, connection errors and timeouts (apart: neither is an answer), and latency in microseconds.
 * Warm-up answers are only counted, for the progress line.
 *
 * <p>Owned by the event-loop thread: every method is called there, so the counters are plain fields.
 * Latency goes through a {@link Recorder} anyway so that the progress line can take interval
 * histograms without stopping the recording; the intervals are summed into {@link #total()}.
 */
final class Tally {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final SortedMap<Integer, Long> statusCounts = new TreeMap<>();
    private Histogram interval;
    private long sent;
    private long answers;
    private long bad1100;
    private long errors;
    private long timeouts;
    private long warmupAnswers;
    private long lastAnswerAt;
    private String firstError;
    private long errorsInARow;

    /**
     * Connection errors in a row, with no answer between them, after which the server counts as gone:
     * a few rounds of every connection failing, so one dropped connection never ends a run.
     */
    static final long GONE_AFTER = 64;

    void sent() {
        sent++;
    }

    void warmupAnswer() {
        warmupAnswers++;
    }

    /** Any outcome, warm-up included, for telling a server that went away from one that is slow. */
    void reached(boolean answered, Throwable cause) {
        if (answered || cause instanceof TimeoutException) {
            errorsInARow = 0;
            return;
        }
        errorsInARow++;
        if (firstError == null) {
            firstError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    /** True once {@link #GONE_AFTER} requests in a row could not connect: the runners stop sending. */
    boolean serverGone() {
        return errorsInARow >= GONE_AFTER;
    }

    void answer(int status, boolean is1100, long latencyNanos, long now) {
        answers++;
        statusCounts.merge(status, 1L, Long::sum);
        if (status == 200 && !is1100) {
            bad1100++;
        }
        recorder.recordValue(Math.max(0, latencyNanos / 1000));
        lastAnswerAt = now;
    }

    void failure(Throwable cause, long now) {
        if (cause instanceof TimeoutException) {
            timeouts++;
        } else {
            errors++;
        }
        if (firstError == null) {
            firstError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        lastAnswerAt = now;
    }

    /** Moves the latencies recorded since the last call into the total, and returns them. */
    Histogram rollInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    long sentCount() {
        return sent;
    }

    long answerCount() {
        return answers;
    }

    long warmupAnswerCount() {
        return warmupAnswers;
    }

    long errorCount() {
        return errors;
    }

    long timeoutCount() {
        return timeouts;
    }

    long bad1100Count() {
        return bad1100;
    }

    long lastAnswerAt() {
        return lastAnswerAt;
    }

    String firstError() {
        return firstError;
    }

    SortedMap<Integer, Long> statusCounts() {
        return new TreeMap<>(statusCounts);
    }

    /** Every latency rolled so far; call {@link #rollInterval()} first for an up-to-date view. */
    Histogram total() {
        return total;
    }
}
