package dev.tidings.destinations;

/**
 * One destination as stored: its settings (what a user saved), its state, and its signing secrets in
 * the clear (decrypted by the store's caller; never shown after creation). {@code previousSecret} still
 * signs until {@code previousUntil} (epoch ms), the rotation overlap.
 */
public record Destination(
        String id,
        String orgId,
        DestinationSettings settings,
        Status status,
        String disabledReason,
        String secret,
        String previousSecret,
        long previousUntil,
        long failingSince,
        long createdAt,
        long updatedAt) {

    public enum Status { ENABLED, DISABLED }

    public boolean enabled() {
        return status == Status.ENABLED;
    }

    public Destination withStatus(Status status, String reason, long now) {
        return new Destination(id, orgId, settings, status, reason, secret, previousSecret, previousUntil,
                status == Status.ENABLED ? 0 : failingSince, createdAt, now);
    }

    public Destination withSettings(DestinationSettings settings, long now) {
        return new Destination(id, orgId, settings, status, disabledReason, secret, previousSecret, previousUntil,
                failingSince, createdAt, now);
    }

    public Destination withSecret(String newSecret, long overlapUntil, long now) {
        return new Destination(id, orgId, settings, status, disabledReason, newSecret, secret, overlapUntil,
                failingSince, createdAt, now);
    }
}
