package dev.tidings.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a run, as the human summary, as one JSON object, and as an exit code. Throughput is
 * 1100 answers per second over the measured period: only events the server promised to keep count,
 * so a server answering 503 fast does not look fast. Immutable once built; made on the main thread.
 *
 * @param latencyMicros latency of the measured answers (not of errors), microseconds
 * @param seconds       from the end of warm-up to the last measured answer
 */
record BenchResult(String mode, int connections, int rate, long sent, SortedMap<Integer, Long> statusCounts,
                   long bad1100, long errors, long timeouts, double seconds, Histogram latencyMicros,
                   String firstError, boolean serverGone) {

    private static final ObjectMapper JSON = new ObjectMapper();

    BenchResult {
        statusCounts = new TreeMap<>(statusCounts);
    }

    static BenchResult from(BenchPlan plan, Tally tally, double seconds) {
        return new BenchResult(plan.mode(), plan.connections(), plan.rate(), tally.sentCount(),
                tally.statusCounts(), tally.bad1100Count(), tally.errorCount(), tally.timeoutCount(),
                seconds, tally.total().copy(), tally.firstError(), tally.serverGone());
    }

    long accepted() {
        return statusCounts.getOrDefault(200, 0L) - bad1100;
    }

    double throughput() {
        return seconds > 0 ? accepted() / seconds : 0;
    }

    /** 0 only when something was sent and every request got the 1100 answer; 1 otherwise (no 1100 at all included). */
    int exitCode() {
        boolean allAccepted = sent > 0 && accepted() > 0 && accepted() == sent && errors == 0 && timeouts == 0
                && !serverGone;
        return allAccepted ? 0 : 1;
    }

    long unauthorized() {
        return statusCounts.getOrDefault(401, 0L);
    }

    /** What went wrong, in words, one line each; empty when every request got its 1100. */
    java.util.List<String> problems() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (serverGone) {
            lines.add("stopped: the server went away (" + Tally.GONE_AFTER + " connections in a row failed"
                    + (firstError == null ? "" : ", first: " + firstError) + ")");
        } else if (errors > 0) {
            lines.add(errors + " requests could not connect" + (firstError == null ? "" : " (first: " + firstError + ")"));
        }
        if (unauthorized() > 0) {
            lines.add(unauthorized() + " answers were 401: the webhook refused the credential (check --credential)");
        }
        if (accepted() == 0) {
            lines.add("no answer was 1100: nothing was accepted");
        }
        return lines;
    }

    double latencyMs(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxLatencyMs() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    String toText() {
        StringBuilder answers = new StringBuilder();
        for (Map.Entry<Integer, Long> e : statusCounts.entrySet()) {
            answers.append(answers.length() == 0 ? "" : "  ").append(e.getKey()).append(": ").append(e.getValue());
        }
        String text = String.format(Locale.ROOT, """
                mode        %s loop, %d connections%s
                sent        %d requests in %.2f s (warm-up excluded)
                answers     %s
                not 1100    %d (200 answers without the 1100 code)
                errors      %d connection errors, %d timeouts
                throughput  %.1f events/s (1100 answers)
                latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f
                """, mode, connections, rate > 0 ? ", " + rate + " requests/s" : "",
                sent, seconds, answers.length() == 0 ? "none" : answers, bad1100, errors, timeouts,
                throughput(), latencyMs(50), latencyMs(90), latencyMs(99), latencyMs(99.9), maxLatencyMs());
        StringBuilder sb = new StringBuilder(text);
        if (firstError != null) {
            sb.append("first error ").append(firstError).append(System.lineSeparator());
        }
        for (String problem : problems()) {
            sb.append("PROBLEM     ").append(problem).append(System.lineSeparator());
        }
        return sb.toString();
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("mode", mode);
        root.put("connections", connections);
        root.put("rate", rate);
        root.put("sent", sent);
        ObjectNode statuses = root.putObject("statusCounts");
        statusCounts.forEach((status, count) -> statuses.put(String.valueOf(status), count));
        root.put("bad1100", bad1100);
        root.put("errors", errors + timeouts);
        root.put("timeouts", timeouts);
        root.put("seconds", round(seconds));
        root.put("throughput", round(throughput()));
        ObjectNode latency = root.putObject("latencyMs");
        latency.put("p50", round(latencyMs(50)));
        latency.put("p90", round(latencyMs(90)));
        latency.put("p99", round(latencyMs(99)));
        latency.put("p999", round(latencyMs(99.9)));
        latency.put("max", round(maxLatencyMs()));
        if (firstError != null) {
            root.put("firstError", firstError);
        }
        root.put("unauthorized", unauthorized());
        root.put("serverGone", serverGone);
        problems().forEach(root.withArray("problems")::add);
        return root.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
