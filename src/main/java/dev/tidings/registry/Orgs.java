package dev.tidings.registry;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** Creates orgs. The API key is returned once and kept only as its SHA-256 digest. */
public final class Orgs {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public record Created(Org org, String apiKey) {}

    private final RegistryStore store;
    private final Registry registry;
    private final Clock clock;

    public Orgs(RegistryStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public synchronized Created create(String id, String name) {
        return create(id, name, null);
    }

    /** {@code timezone}: an IANA zone id such as {@code Asia/Kolkata}; null for UTC. */
    public synchronized Created create(String id, String name, String timezone) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RegistryException(RegistryFailure.INVALID, "Invalid org", List.of(FieldProblem.of("id", "INVALID_NAME",
                    "id must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit")));
        }
        String displayName = name == null || name.isBlank() ? id : name;
        if (displayName.length() > 200) {
            throw new RegistryException(RegistryFailure.INVALID, "Invalid org",
                    List.of(FieldProblem.of("name", "TOO_LONG", "name must be at most 200 characters")));
        }
        Org org = new Org(id, displayName, clock.instant(), checkedZone(timezone));
        String apiKey = Secrets.newToken("tdk_");
        String hash = Secrets.sha256Hex(apiKey);
        if (!store.insertOrg(org, hash)) {
            throw new RegistryException(RegistryFailure.ALREADY_EXISTS, "Org " + id + " already exists");
        }
        registry.catchUp();
        return new Created(org, apiKey);
    }

    /** Sets the org's timezone, which places its calendar windows from then on. */
    public synchronized Org setTimezone(String id, String timezone) {
        Org org = registry.org(id).orElseThrow(() -> RegistryException.notFound("Org " + id));
        String zone = checkedZone(timezone);
        store.updateOrgTimezone(id, zone);
        registry.catchUp();
        return new Org(org.id(), org.name(), org.createdAt(), zone);
    }

    private static String checkedZone(String timezone) {
        if (timezone == null) {
            return Org.DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(timezone).getId();
        } catch (DateTimeException e) {
            throw new RegistryException(RegistryFailure.INVALID, "Invalid org", List.of(FieldProblem.of("timezone",
                    "INVALID_TIMEZONE", "timezone must be an IANA zone id such as UTC or Europe/Paris, got \"" + timezone + "\"")));
        }
    }

    /** A new API key for the org; the old one stops working at once. Returned once, kept as its digest. */
    public synchronized Created rotateKey(String id) {
        Org org = registry.org(id).orElseThrow(() -> RegistryException.notFound("Org " + id));
        String apiKey = Secrets.newToken("tdk_");
        String hash = Secrets.sha256Hex(apiKey);
        store.updateOrgApiKey(id, hash);
        registry.catchUp();
        return new Created(org, apiKey);
    }
}
