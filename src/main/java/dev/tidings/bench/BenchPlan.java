package dev.tidings.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * What one bench run does, validated and frozen before any request is sent. Built by
 * {@link BenchCommand} on the main thread, read afterwards by the event-loop thread.
 *
 * @param target        where events are posted
 * @param authorization the complete {@code Authorization} header value, encoded once
 * @param connections   pool size; in closed loop also the number of requests in flight
 * @param rate          requests per second for the open loop; 0 means closed loop
 * @param duration      measured period after warm-up; null when only {@code events} bounds the run
 * @param events        measured requests to send; 0 when only {@code duration} bounds the run
 * @param warmup        period whose answers are discarded: JIT, connection set-up and page cache
 *                      would otherwise dominate the tail of a short run
 * @param customers     distinct customer mobile numbers the events are spread over
 * @param eventName     the event definition posted to
 * @param timeout       per-request limit, after which the request counts as a timeout
 */
public record BenchPlan(Target target, String authorization, int connections, int rate,
                        Duration duration, long events, Duration warmup, int customers,
                        String eventName, Duration timeout) {

    /** Customer numbers are "99" plus 8 digits, so the spread cannot exceed 10^8. */
    static final int MAX_CUSTOMERS = 100_000_000;

    public BenchPlan {
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1, got " + connections);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        if (duration == null && events <= 0) {
            throw new IllegalArgumentException("give --duration or --events");
        }
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("--customers must be between 1 and " + MAX_CUSTOMERS);
        }
        if (!eventName.matches("[A-Za-z0-9_]{1,50}")) {
            // The body template embeds the name without escaping; the registry allows no more than this.
            throw new IllegalArgumentException("--event-name must be letters, digits or _ (at most 50)");
        }
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public String mode() {
        return openLoop() ? "open" : "closed";
    }

    /** Basic credential as the webhook was given it: {@code user:password} or a bare token. */
    static String basicAuthorization(String credential) {
        return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }

    /** The webhook URL split the way the HTTP client wants it. */
    public record Target(String host, int port, boolean ssl, String pathAndQuery) {

        static Target parse(String url) {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url must be an http(s) URL, got " + url);
            }
            boolean ssl = "https".equals(scheme);
            int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Target(uri.getHost(), port, ssl, path + query);
        }
    }
}
