package dev.tidings.registry;

import java.time.Clock;
import java.time.Duration;
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

    /** A new request: every field optional; {@code allowWeak} keeps a given credential that is too short. */
    public record Spec(String name, Boolean uniquenessCheck, String id, String credential, boolean allowWeak) {}

    /**
     * The ways in of DESIGN §8: {@code mapping} (JSON; a null node clears it) and {@code rateLimit} (events/s; 0
     * clears it); a field left null keeps what the webhook has.
     */
    public record Ways(com.fasterxml.jackson.databind.JsonNode mapping, Integer rateLimit) {
        public static final Ways NONE = new Ways(null, null);
    }

    /** Most events per second one webhook may be given; beyond it a limit protects nothing. */
    static final int MAX_RATE_LIMIT = 1_000_000;

    /** {@code warnings} says what was accepted only because the request insisted (a weak credential). */
    public record WithCredential(Webhook webhook, String credential, List<String> warnings) {}

    /** Shorter bare tokens, or passwords after {@code user:}, can be guessed by anyone who knows the webhook id. */
    static final int MIN_TOKEN = 16;
    static final int MIN_PASSWORD = 12;

    private final RegistryStore store;
    private final Registry registry;
    private final Clock clock;

    public Webhooks(RegistryStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public synchronized WithCredential create(String orgId, Spec spec) {
        return create(orgId, spec, Ways.NONE);
    }

    /** A new webhook with its mapping and rate limit, all checked before anything is saved. */
    public synchronized WithCredential create(String orgId, Spec spec, Ways ways) {
        List<FieldProblem> problems = new ArrayList<>();
        Webhook unsaved = new Webhook(null, orgId, null, false, true, null, null, null);
        Webhook withWays = applyWays(unsaved, ways, null, problems);
        if (spec.id() != null && !HEX_ID.matcher(spec.id()).matches()) {
            problems.add(FieldProblem.of("id", "INVALID_VALUE", "id must be 32 lower-case hex characters"));
        }
        List<String> warnings = new ArrayList<>();
        if (spec.credential() != null) {
            checkCredential(spec.credential(), spec.allowWeak(), problems, warnings);
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
                hash(credential, spec.credential() == null), now, now, null, null, withWays.mapping(), withWays.rateLimit());
        save(w);
        return new WithCredential(w, credential, warnings);
    }

    /** Longest grace period for the previous credential: long enough for any rollout, short enough to expire. */
    static final Duration MAX_GRACE = Duration.ofDays(7);

    /**
     * A rotation: {@code credential} null generates one; {@code grace} null or zero retires the current
     * credential at once, else it keeps working for that long.
     */
    public record Rotation(String credential, Duration grace, boolean allowWeak) {}

    public synchronized WithCredential rotate(String orgId, String id, Rotation rotation) {
        Webhook w = owned(orgId, id);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (rotation.credential() != null) {
            checkCredential(rotation.credential(), rotation.allowWeak(), problems, warnings);
        }
        Duration grace = rotation.grace();
        if (grace != null && (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0)) {
            problems.add(FieldProblem.of("graceperiod", "INVALID_VALUE", "graceperiod must be from 0s to 7d, got " + grace));
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(RegistryFailure.INVALID, "Rotation is invalid", problems);
        }
        String credential = rotation.credential() != null ? rotation.credential() : Secrets.newToken("whk_");
        Instant now = clock.instant();
        Instant graceUntil = grace == null || grace.isZero() ? null : now.plus(grace);
        Webhook rotated = w.rotated(hash(credential, rotation.credential() == null), graceUntil, now);
        save(rotated);
        return new WithCredential(rotated, credential, warnings);
    }

    /** Takes a disabled webhook back into service with its settings and credential. */
    public synchronized Webhook enable(String orgId, String id) {
        Webhook w = owned(orgId, id);
        if (w.enabled()) {
            return w;
        }
        Webhook enabled = w.withEnabled(true, clock.instant());
        save(enabled);
        return enabled;
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
        Webhook updated = w.withSettings(name != null ? name : w.name(),
                w.uniquenessCheck() || Boolean.TRUE.equals(uniquenessCheck), clock.instant());
        save(updated);
        return updated;
    }

    /** Sets or clears the mapping and rate limit; an invalid one is refused with every problem. */
    public synchronized Webhook setWays(String orgId, String id, Ways ways) {
        Webhook w = owned(orgId, id);
        if (ways.mapping() == null && ways.rateLimit() == null) {
            return w;
        }
        List<FieldProblem> problems = new ArrayList<>();
        Webhook changed = applyWays(w, ways, clock.instant(), problems);
        if (!problems.isEmpty()) {
            throw new RegistryException(RegistryFailure.INVALID, "Webhook is invalid", problems);
        }
        save(changed);
        return changed;
    }

    private static Webhook applyWays(Webhook w, Ways ways, Instant now, List<FieldProblem> problems) {
        String mapping = w.mapping();
        if (ways.mapping() != null) {
            if (ways.mapping().isNull()) {
                mapping = null;
            } else {
                WebhookMappings.Compiled compiled = WebhookMappings.compile(ways.mapping());
                problems.addAll(compiled.problems());
                mapping = compiled.json();
            }
        }
        Integer rateLimit = w.rateLimit();
        if (ways.rateLimit() != null) {
            if (ways.rateLimit() < 0 || ways.rateLimit() > MAX_RATE_LIMIT) {
                problems.add(FieldProblem.of("rateLimit", "INVALID_VALUE", "rateLimit must be events per second from 1 to "
                        + MAX_RATE_LIMIT + ", or 0 for none"));
            }
            rateLimit = ways.rateLimit() == 0 ? null : ways.rateLimit();
        }
        return w.withWays(mapping, rateLimit, now);
    }

    public synchronized Webhook disable(String orgId, String id) {
        Webhook w = owned(orgId, id);
        if (!w.enabled()) {
            return w;
        }
        Webhook disabled = w.withEnabled(false, clock.instant());
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

    /** Generated credentials get the fast keyed hash; given ones (maybe weak, maybe reused) PBKDF2. */
    private String hash(String credential, boolean generated) {
        CredentialHashes hashes = registry.credentialHashes();
        return generated ? hashes.forGenerated(credential) : hashes.forGiven(credential);
    }

    private void save(Webhook w) {
        store.upsertWebhook(w);
        registry.catchUp();
    }

    static void checkCredential(String credential, boolean allowWeak, List<FieldProblem> problems, List<String> warnings) {
        if (credential.isEmpty() || credential.length() > MAX_CREDENTIAL) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE",
                    "credential must be 1-" + MAX_CREDENTIAL + " characters: \"user:password\" or a bare token"));
        } else if (credential.chars().anyMatch(Character::isISOControl)) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE", "credential must not contain control characters"));
        } else if (credential.startsWith(":")) {
            problems.add(FieldProblem.of("credential", "INVALID_VALUE", "credential must not have an empty user name"));
        } else {
            String weakness = weakness(credential);
            if (weakness != null && allowWeak) {
                warnings.add("credential is weak (" + weakness + "); kept because allowWeak is true");
            } else if (weakness != null) {
                problems.add(FieldProblem.of("credential", "WEAK_CREDENTIAL", "credential is weak: " + weakness
                        + "; send a longer one, or \"allowWeak\": true to keep a migrated credential as it is"));
            }
        }
    }

    /** Why a credential is too easy to guess, or null when it is not. */
    private static String weakness(String credential) {
        int colon = credential.indexOf(':');
        if (colon < 0) {
            return credential.length() < MIN_TOKEN
                    ? "a bare token needs at least " + MIN_TOKEN + " characters, got " + credential.length() : null;
        }
        int password = credential.length() - colon - 1;
        return password < MIN_PASSWORD
                ? "the password after user: needs at least " + MIN_PASSWORD + " characters, got " + password : null;
    }
}
