package dev.tidings.registry;

import java.time.Instant;

/**
 * A webhook URL's identity and settings. The credential is only ever held as its PBKDF2 hash;
 * {@code uniquenessCheck}, once on, stays on. After a rotation with a grace period the previous
 * credential's hash is kept until {@code previousValidUntil} (both null otherwise).
 */
public record Webhook(
        String id,
        String orgId,
        String name,
        boolean uniquenessCheck,
        boolean enabled,
        String credentialHash,
        Instant createdAt,
        Instant updatedAt,
        String previousCredentialHash,
        Instant previousValidUntil) {

    /** A webhook without a previous credential in its grace period. */
    public Webhook(String id, String orgId, String name, boolean uniquenessCheck, boolean enabled, String credentialHash,
            Instant createdAt, Instant updatedAt) {
        this(id, orgId, name, uniquenessCheck, enabled, credentialHash, createdAt, updatedAt, null, null);
    }

    /** The new credential; the current one keeps working until {@code graceUntil} when that is not null. */
    Webhook rotated(String hash, Instant graceUntil, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, enabled, hash, createdAt, now,
                graceUntil == null ? null : credentialHash, graceUntil);
    }

    Webhook withEnabled(boolean on, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, on, credentialHash, createdAt, now, previousCredentialHash,
                previousValidUntil);
    }

    Webhook withSettings(String newName, boolean newUniquenessCheck, Instant now) {
        return new Webhook(id, orgId, newName, newUniquenessCheck, enabled, credentialHash, createdAt, now,
                previousCredentialHash, previousValidUntil);
    }
}
