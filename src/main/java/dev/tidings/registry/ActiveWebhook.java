package dev.tidings.registry;

import java.security.MessageDigest;

/**
 * A webhook as the intake sees it: settings plus a cache of the last credential that passed the slow
 * PBKDF2 check, kept as a SHA-256 digest. The hot path hashes the presented credential with SHA-256
 * (microseconds) and compares digests in constant time; only an unknown credential pays for PBKDF2.
 * Rotation replaces the whole object, so the old credential's cached digest goes with it.
 */
public final class ActiveWebhook {
    private final Webhook webhook;
    private volatile byte[] verifiedDigest;

    ActiveWebhook(Webhook webhook) {
        this.webhook = webhook;
    }

    public Webhook webhook() {
        return webhook;
    }

    /** True when the credential with this SHA-256 digest was verified before. Constant time. */
    public boolean knownGood(byte[] credentialDigest) {
        byte[] known = verifiedDigest;
        return known != null && MessageDigest.isEqual(known, credentialDigest);
    }

    /** The slow check; on success the digest is remembered for {@link #knownGood}. Call off the event loop. */
    public boolean verifySlowly(String credential, byte[] credentialDigest) {
        boolean ok = Secrets.verifyCredential(credential, webhook.credentialHash());
        if (ok) {
            verifiedDigest = credentialDigest;
        }
        return ok;
    }
}
