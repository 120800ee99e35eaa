package dev.tidings.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook credentials are hashed at rest, by where they came from:
 * <ul>
 *   <li><b>generated</b> by the server (192 random bits): {@code hmac-sha256$<mac b64>}, an HMAC-SHA256
 *   under a server key. Guessing such a credential is infeasible however fast the hash, so a slow hash
 *   buys nothing; the keyed hash costs about a microsecond and is checked on the event loop. The key
 *   keeps a leaked webhooks table alone from being useful even as a lookup oracle.</li>
 *   <li><b>given</b> (migrated from another platform, possibly weak, {@code allowWeak}): salted PBKDF2
 *   ({@link Secrets#hashCredential}), slow on purpose, checked on a worker once per credential.</li>
 * </ul>
 * Hashes stored before this existed are all PBKDF2 and keep working: {@link #verify} reads the format
 * from the stored string. Both compare in constant time.
 *
 * <p>The server key is 32 random bytes in the registry store's settings, created by the first node
 * that starts ({@link #load}); every node of a cluster reads the same one.
 */
public final class CredentialHashes {
    static final String KEY_SETTING = "credential_hmac_key";
    private static final String HMAC_PREFIX = "hmac-sha256$";
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    CredentialHashes(byte[] key) {
        this.key = new SecretKeySpec(key, HMAC);
    }

    /** The store's server key, created when there is none yet. Blocking. */
    public static CredentialHashes load(RegistryStore store) {
        if (store.setting(KEY_SETTING).isEmpty()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            // Two nodes starting at once: one insert wins and both read the winner back.
            store.putSettingIfAbsent(KEY_SETTING, Base64.getEncoder().encodeToString(fresh));
        }
        String stored = store.setting(KEY_SETTING)
                .orElseThrow(() -> new IllegalStateException("the credential key was not stored"));
        return new CredentialHashes(Base64.getDecoder().decode(stored));
    }

    /** For a credential the server generated. Fast. */
    public String forGenerated(String credential) {
        return HMAC_PREFIX + Base64.getEncoder().encodeToString(mac(credential));
    }

    /** For a credential someone chose. Slow on purpose: call off the event loop. */
    public String forGiven(String credential) {
        return Secrets.hashCredential(credential);
    }

    /** True when {@link #verify} against this stored hash is fast enough for an event loop. */
    public static boolean cheap(String stored) {
        return stored != null && stored.startsWith(HMAC_PREFIX);
    }

    /** Constant-time check of a credential against either kind of stored hash. */
    public boolean verify(String credential, String stored) {
        if (cheap(stored)) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(stored.substring(HMAC_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(expected, mac(credential));
        }
        return Secrets.verifyCredential(credential, stored);
    }

    private byte[] mac(String credential) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(credential.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }
}
