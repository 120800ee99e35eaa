package dev.tidings.intake;

import dev.tidings.registry.Webhook;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-webhook {@code rateLimit} in events per second (DESIGN §8), a token bucket per webhook holding at
 * most one second's worth. A batch takes as many tokens as it has events and may leave the bucket in
 * debt (a batch larger than a second's worth could otherwise never pass); later requests then wait
 * until the debt is paid. Kept in this node's memory: in a cluster the limit holds per intake node.
 *
 * <p>Any thread; each bucket is locked for a few arithmetic operations.
 */
final class RateLimiter {
    private static final long NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** 0 when {@code events} may pass now, else the seconds to wait (for {@code Retry-After}). */
    long take(Webhook webhook, int events) {
        Integer limit = webhook.rateLimit();
        if (limit == null) {
            return 0;
        }
        return buckets.computeIfAbsent(webhook.id(), id -> new Bucket(limit, nanoTime.getAsLong()))
                .take(limit, events, nanoTime.getAsLong());
    }

    /** Null when {@code events} may pass now, else the 429 answer with its Retry-After (counted). */
    IntakeAnswer refusal(Webhook webhook, int events, Intake intake) {
        long wait = take(webhook, events);
        if (wait == 0) {
            return null;
        }
        intake.failed(IntakeError.RATE_LIMITED);
        return IntakeAnswer.error(IntakeError.RATE_LIMITED, "Webhook " + webhook.id() + " takes at most "
                + webhook.rateLimit() + " events per second", null, java.util.List.of()).retryAfter(wait);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int limit, long now) {
            this.tokens = limit;
            this.last = now;
        }

        synchronized long take(int limit, int events, long now) {
            tokens = Math.min(limit, tokens + (double) (now - last) * limit / NANOS);
            last = now;
            if (tokens <= 0) {
                return Math.max(1, (long) Math.ceil((1 - tokens) / limit));
            }
            tokens -= events;
            return 0;
        }
    }
}
