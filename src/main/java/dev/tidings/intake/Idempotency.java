package dev.tidings.intake;

import dev.tidings.registry.Webhook;
import dev.tidings.store.IntakeKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on single and batch posts (DESIGN §8): the first request with a key runs and
 * its answer is remembered in the shared {@link IntakeKeys} for the window; a repeat with the same body
 * gets that answer again with {@code Idempotent-Replayed: true}, a different body 422, a repeat while the
 * first runs 409. 429 and 503 stored nothing and are not remembered, so the retry runs for real.
 *
 * <p>Only requests that carry the header pay for the store round trips, on worker threads.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 255;
    /** A key in flight this long belongs to a request that died with its node; a retry may take it. */
    private static final long STALE_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private final Vertx vertx;
    private final IntakeKeys keys;
    private final long windowMs;
    private final Clock clock;
    private final WebhookGate gate;

    Idempotency(Vertx vertx, IntakeKeys keys, Duration window, Clock clock, WebhookGate gate) {
        this.vertx = vertx;
        this.keys = keys;
        this.windowMs = window.toMillis();
        this.clock = clock;
        this.gate = gate;
    }

    /** Runs {@code work} under the request's key, or straight when it has none, and sends the answer. */
    void around(RoutingContext ctx, Webhook webhook, String kind, byte[] body, Supplier<Future<IntakeAnswer>> work) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null) {
            work.get().onComplete(done -> send(ctx, done.succeeded() ? done.result() : internal(done.cause())));
            return;
        }
        if (key.length() > MAX_KEY || key.isEmpty()) {
            gate.fail(ctx, IntakeError.IDEMPOTENCY_KEY_TOO_LONG, "Idempotency-Key must be 1 to " + MAX_KEY
                    + " characters, got " + key.length());
            return;
        }
        String scope = "idempotency:" + webhook.id();
        String fingerprint = fingerprint(kind, body);
        long now = clock.millis();
        vertx.executeBlocking(() -> keys.claim(scope, List.of(key), fingerprint, now, now - windowMs, now - STALE_MS).get(0), false)
                .onComplete(claimed -> {
                    if (claimed.failed()) {
                        LOG.warn("Idempotency keys unavailable: {}", claimed.cause().getMessage());
                        gate.fail(ctx, IntakeError.LOG_UNAVAILABLE, IntakeError.LOG_UNAVAILABLE.message());
                        return;
                    }
                    IntakeKeys.Claim claim = claimed.result();
                    if (!claim.fingerprint().equals(fingerprint)) {
                        gate.fail(ctx, IntakeError.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + shorten(key)
                                + " was used with a different body within " + Duration.ofMillis(windowMs).toHours() + "h");
                    } else if (claim.state() == IntakeKeys.State.IN_FLIGHT) {
                        gate.fail(ctx, IntakeError.IDEMPOTENCY_IN_FLIGHT, "A request with Idempotency-Key " + shorten(key)
                                + " is still in flight; retry once it has been answered");
                    } else if (claim.state() == IntakeKeys.State.DONE) {
                        ctx.response().putHeader(REPLAYED, "true");
                        send(ctx, new IntakeAnswer(claim.status(), Buffer.buffer(claim.answer()), 0));
                    } else {
                        work.get().onComplete(done -> remember(ctx, scope, key,
                                done.succeeded() ? done.result() : internal(done.cause())));
                    }
                });
    }

    private void remember(RoutingContext ctx, String scope, String key, IntakeAnswer answer) {
        boolean keep = answer.status() < 500 && answer.status() != 429;
        vertx.executeBlocking(() -> {
            if (keep) {
                keys.complete(scope, List.of(key), answer.status(), answer.body().getBytes());
            } else {
                keys.release(scope, List.of(key));
            }
            return null;
        }, false).onComplete(done -> {
            if (done.failed()) {
                // The answer still goes out; the key stays in flight until it goes stale.
                LOG.warn("Could not {} Idempotency-Key: {}", keep ? "remember" : "release", done.cause().getMessage());
            }
            send(ctx, answer);
        });
    }

    private static void send(RoutingContext ctx, IntakeAnswer answer) {
        answer.send(ctx.response());
    }

    private static IntakeAnswer internal(Throwable cause) {
        LOG.error("Intake failed unexpectedly", cause);
        return IntakeAnswer.error(IntakeError.INTERNAL, IntakeError.INTERNAL.message(), null, List.of());
    }

    static String fingerprint(String kind, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String shorten(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "…" : key;
    }
}
