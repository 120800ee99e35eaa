package dev.tidings.registry;

import java.time.Instant;

/**
 * A webhook URL's identity and settings. The credential is only ever held as its PBKDF2 hash;
 * {@code uniquenessCheck}, once on, stays on. After a rotation with a grace period the previous
 * credential's hash is kept until {@code previousValidUntil} (both null otherwise). {@code mapping} is the
 * webhook's mapping as saved (JSON text, checked by {@link WebhookMappings} when saved) and
 * {@code rateLimit} its events per second; both null when not set (DESIGN §8).
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
        Instant previousValidUntil,
        String mapping,
        Integer rateLimit) {

    /** A webhook without mapping or rate limit. */
    public Webhook(String id, String orgId, String name, boolean uniquenessCheck, boolean enabled, String credentialHash,
            Instant createdAt, Instant updatedAt, String previousCredentialHash, Instant previousValidUntil) {
        this(id, orgId, name, uniquenessCheck, enabled, credentialHash, createdAt, updatedAt, previousCredentialHash,
                previousValidUntil, null, null);
    }

    /** A webhook without a previous credential in its grace period. */
    public Webhook(String id, String orgId, String name, boolean uniquenessCheck, boolean enabled, String credentialHash,
            Instant createdAt, Instant updatedAt) {
        this(id, orgId, name, uniquenessCheck, enabled, credentialHash, createdAt, updatedAt, null, null);
    }

    /** The new credential; the current one keeps working until {@code graceUntil} when that is not null. */
    Webhook rotated(String hash, Instant graceUntil, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, enabled, hash, createdAt, now,
                graceUntil == null ? null : credentialHash, graceUntil, mapping, rateLimit);
    }

    Webhook withEnabled(boolean on, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, on, credentialHash, createdAt, now, previousCredentialHash,
                previousValidUntil, mapping, rateLimit);
    }

    Webhook withSettings(String newName, boolean newUniquenessCheck, Instant now) {
        return new Webhook(id, orgId, newName, newUniquenessCheck, enabled, credentialHash, createdAt, now,
                previousCredentialHash, previousValidUntil, mapping, rateLimit);
    }

    Webhook withWays(String newMapping, Integer newRateLimit, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, enabled, credentialHash, createdAt, now,
                previousCredentialHash, previousValidUntil, newMapping, newRateLimit);
    }
}
