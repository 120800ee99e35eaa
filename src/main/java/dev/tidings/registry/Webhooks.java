package dev.tidings.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Webhook lifecycle: create (with a generated id and credential, or a given id and credential when
 * migrating from another platform), rotate the credential, turn the uniqueness check on, disable.
 * The plain credential exists only in the answer to create and rotate.
 */
public final class Webhooks {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_CREDENTIAL = 512;
    private static final int MAX_NAME = 200;

    /** A new request: every field optional. */
    public record Spec(String name, Boolean uniquenessCheck, String id, String credential) {}

    public record WithCredential(Webhook webhook, String credential) {}

    private final RegistryStore store;
    private final Registry registry;
    private final Clock clock;

    public Webhooks(RegistryStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public synchronized WithCredential create(String orgId, Spec spec) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec.id() != null && !HEX_ID.matcher(spec.id()).matches()) {
            problems.add(FieldProblem.of("id", "INVALID_VALUE", "id must be 32 lower-case hex characters"));
        }
        if (spec.credential() != null) {
            checkCredential(spec.credential(), problems);
        }
        if (spec.name() != null && spec.name().length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "TOO_LONG", "name must be at most " + MAX_NAME + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(RegistryFailure.INVALID, "Webhook is invalid", problems);
        }
        String id = spec.id() != null ? spec.id() : Secrets.newHexId();
        if (registry.webhook(id) != null) {
            throw new RegistryException(RegistryFailure.ALREADY_EXISTS, "Webhook " + id + " already exists");
        }
        String credential = spec.credential() != null ? spec.credential() : Secrets.newToken("whk_");
        Instant now = clock.instant();
        Webhook w = new Webhook(id, orgId, spec.name(), Boolean.TRUE.equals(spec.uniquenessCheck()), true,
                Secrets.hashCredential(credential), now, now);
        save(w);
        return new WithCredential(w, credential);
    }

    public synchronized WithCredential rotate(String orgId, String id) {
        Webhook w = owned(orgId, id);
        String credential = Secrets.newToken("whk_");
        Webhook rotated = w.withCredentialHash(Secrets.hashCredential(credential), clock.instant());
        save(rotated);
        return new WithCredential(rotated, credential);
    }

    /** Changes the name and turns the uniqueness check on; turning it off is refused (it stays on). */
    public synchronized Webhook update(String orgId, String id, String name, Boolean uniquenessCheck) {
        Webhook w = owned(orgId, id);
        if (Boolean.FALSE.equals(uniquenessCheck) && w.uniquenessCheck()) {
            throw new RegistryException(RegistryFailure.CHANGE_NOT_ALLOWED, "The uniqueness check of webhook " + id
                    + " is on, and once on it stays on");
        }
        if (name != null && name.length() > MAX_NAME) {
            throw new RegistryException(RegistryFailure.INVALID, "Webhook is invalid",
                    List.of(FieldProblem.of("name", "TOO_LONG", "name must be at most " + MAX_NAME + " characters")));
        }
        Webhook updated = new Webhook(w.id(), w.orgId(), name != null ? name : w.name(),
                w.uniquenessCheck() || Boolean.TRUE.equals(uniquenessCheck), w.enabled(), w.credentialHash(),
                w.createdAt(), clock.instant());
        save(updated);
        return updated;
    }

    public synchronized Webhook disable(String orgId, String id) {
        Webhook w = owned(orgId, id);
        if (!w.enabled()) {
            return w;
        }
        Webhook disabled = w.disabled(clock.instant());
        save(disabled);
        return disabled;
    }

    /** The org's webhook; another org's is reported as not found, never as forbidden. */
    public Webhook owned(String orgId, String id) {
        ActiveWebhook active = registry.webhook(id);
        if (active == null || !active.webhook().orgId().equals(orgId)) {
            throw RegistryException.notFound("Webhook " + id);
        }
        return active.webhook();
    }

    private void save(Webhook w) {
        store.upsertWebhook(w);
        registry.catchUp();
    }

    private static void checkCredential(String credential, List<FieldProblem> problems) {
        if (credential.isEmpty() || credential.length() > MAX_CREDENTIAL) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE",
                    "credential must be 1-" + MAX_CREDENTIAL + " characters: \"user:password\" or a bare token"));
        } else if (credential.chars().anyMatch(Character::isISOControl)) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE", "credential must not contain control characters"));
        } else if (credential.startsWith(":")) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE", "credential must not have an empty user name"));
        }
    }
}
