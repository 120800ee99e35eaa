package dev.tidings.registry;

import java.time.Instant;

/**
 * A webhook URL's identity and settings. The credential is only ever held as its PBKDF2 hash;
 * {@code uniquenessCheck}, once on, stays on.
 */
public record Webhook(
        String id,
        String orgId,
        String name,
        boolean uniquenessCheck,
        boolean enabled,
        String credentialHash,
        Instant createdAt,
        Instant updatedAt) {

    Webhook withCredentialHash(String hash, Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, enabled, hash, createdAt, now);
    }

    Webhook disabled(Instant now) {
        return new Webhook(id, orgId, name, uniquenessCheck, false, credentialHash, createdAt, now);
    }
}
