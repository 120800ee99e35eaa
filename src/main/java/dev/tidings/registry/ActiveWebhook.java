package dev.tidings.registry;

import java.security.MessageDigest;

/**
 * A webhook as the intake sees it: settings plus a cache of the last credential that passed the slow
 * PBKDF2 check, kept as a SHA-256 digest. The hot path hashes the presented credential with SHA-256
 * (microseconds) and compares digests in constant time; only an unknown credential pays for PBKDF2.
 * Rotation replaces the whole object, so the old credential's cached digest goes with it.
 *
 * <p>The last few credentials that failed are remembered too, so a client retrying a wrong password
 * in a loop gets its 401 without burning a worker thread on PBKDF2 each time.
 */
public final class ActiveWebhook {
    private static final int REMEMBERED_FAILURES = 16;

    private final Webhook webhook;
    private final byte[][] failedDigests = new byte[REMEMBERED_FAILURES][];
    private volatile byte[] verifiedDigest;
    /** The previous credential's digest once it passed during its grace period; checked against the clock. */
    private volatile byte[] verifiedPreviousDigest;
    private final long previousValidUntilMillis;
    private int nextFailure;
    /** Compiled once per saved version of the webhook; null when it has none. */
    private final WebhookMapping mapping;

    ActiveWebhook(Webhook webhook) {
        this.webhook = webhook;
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

    /** The slow check; its verdict is remembered for {@link #knownGood} / {@link #knownBad}. Call off the event loop. */
    public boolean verifySlowly(String credential, byte[] credentialDigest) {
        boolean ok = Secrets.verifyCredential(credential, webhook.credentialHash());
        if (ok) {
            verifiedDigest = credentialDigest;
        } else if (webhook.previousCredentialHash() != null && inGracePeriod()
                && Secrets.verifyCredential(credential, webhook.previousCredentialHash())) {
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
