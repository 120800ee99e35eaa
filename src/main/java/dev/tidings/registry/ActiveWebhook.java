package dev.tidings.registry;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A webhook as the intake sees it: settings plus a cache of the last credential that passed the slow
 * PBKDF2 check, kept as a SHA-256 digest. The hot path hashes the presented credential with SHA-256
 * (microseconds) and compares digests in constant time; only an unknown credential pays for PBKDF2.
 * Rotation replaces the whole object, so the old credential's cached digest goes with it.
 *
 * <p>The last few credentials that failed are remembered too, so a client retrying a wrong password
 * in a loop gets its 401 without burning a worker thread on PBKDF2 each time.
 *
 * <p>A generated credential's keyed hash ({@link CredentialHashes}) is checked inline; a PBKDF2 check
 * runs single-flight: concurrent requests with the same not-yet-verified credential (a fleet of
 * clients reconnecting after a restart) share one hash instead of each burning a worker on its own.
 */
public final class ActiveWebhook {
    private static final int REMEMBERED_FAILURES = 16;

    private final Webhook webhook;
    private final CredentialHashes hashes;
    /** PBKDF2 checks in progress, by the presented credential's SHA-256 digest. */
    private final Map<ByteBuffer, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final byte[][] failedDigests = new byte[REMEMBERED_FAILURES][];
    private volatile byte[] verifiedDigest;
    /** The previous credential's digest once it passed during its grace period; checked against the clock. */
    private volatile byte[] verifiedPreviousDigest;
    private final long previousValidUntilMillis;
    private int nextFailure;
    /** Compiled once per saved version of the webhook; null when it has none. */
    private final WebhookMapping mapping;

    ActiveWebhook(Webhook webhook, CredentialHashes hashes) {
        this.webhook = webhook;
        this.hashes = hashes;
        this.mapping = WebhookMappings.fromStored(webhook.mapping());
        this.previousValidUntilMillis = webhook.previousValidUntil() == null ? 0 : webhook.previousValidUntil().toEpochMilli();
    }

    public Webhook webhook() {
        return webhook;
    }

    /** The webhook's mapping, or null when posted bodies are taken as they are. */
    public WebhookMapping mapping() {
        return mapping;
    }

    /** True when the credential with this SHA-256 digest was verified before. Constant time. */
    public boolean knownGood(byte[] credentialDigest) {
        byte[] known = verifiedDigest;
        if (known != null && MessageDigest.isEqual(known, credentialDigest)) {
            return true;
        }
        byte[] previous = verifiedPreviousDigest;
        return previous != null && inGracePeriod() && MessageDigest.isEqual(previous, credentialDigest);
    }

    private boolean inGracePeriod() {
        return System.currentTimeMillis() < previousValidUntilMillis;
    }

    /** True when this credential failed the slow check recently. */
    public synchronized boolean knownBad(byte[] credentialDigest) {
        boolean bad = false;
        for (byte[] failed : failedDigests) {
            bad |= failed != null && MessageDigest.isEqual(failed, credentialDigest);
        }
        return bad;
    }

    /**
     * The check of a credential neither {@link #knownGood} nor {@link #knownBad}: inline when every stored
     * hash it may match is a keyed hash, else on {@code slow} (a worker pool), shared with every
     * concurrent call for the same credential. The future may complete on a thread of {@code slow}.
     */
    public CompletableFuture<Boolean> verify(String credential, byte[] credentialDigest, Executor slow) {
        if (CredentialHashes.cheap(webhook.credentialHash())
                && (webhook.previousCredentialHash() == null || CredentialHashes.cheap(webhook.previousCredentialHash()))) {
            return CompletableFuture.completedFuture(verifySlowly(credential, credentialDigest));
        }
        ByteBuffer key = ByteBuffer.wrap(credentialDigest);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            return shared;
        }
        try {
            slow.execute(() -> {
                try {
                    boolean ok = verifySlowly(credential, credentialDigest);
                    // Removed before completing: a request arriving after this sees the cached verdict.
                    inFlight.remove(key);
                    mine.complete(ok);
                } catch (RuntimeException | Error e) {
                    inFlight.remove(key);
                    mine.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(key);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    /** The check itself; its verdict is remembered for {@link #knownGood} / {@link #knownBad}. Slow for PBKDF2 hashes. */
    public boolean verifySlowly(String credential, byte[] credentialDigest) {
        boolean ok = hashes.verify(credential, webhook.credentialHash());
        if (ok) {
            verifiedDigest = credentialDigest;
        } else if (webhook.previousCredentialHash() != null && inGracePeriod()
                && hashes.verify(credential, webhook.previousCredentialHash())) {
            // Not remembered as a failure either: it stops working when the grace period ends, not before.
            verifiedPreviousDigest = credentialDigest;
            ok = true;
        } else {
            rememberFailure(credentialDigest);
        }
        return ok;
    }

    private synchronized void rememberFailure(byte[] credentialDigest) {
        failedDigests[nextFailure] = credentialDigest;
        nextFailure = (nextFailure + 1) % REMEMBERED_FAILURES;
    }
}
