package dev.tidings.destinations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts destination signing secrets at rest with AES-256-GCM. Unlike credentials they cannot be
 * hashed: Tidings must sign with them. So the database (or a backup of it) holds only ciphertext, and
 * the key lives apart from it, in {@code <data-dir>/destinations.key} or {@code --destination-secret-key}
 * (which every node of a cluster must share). Stored form: {@code v1:} + base64(12-byte nonce ‖ ciphertext+tag).
 * Thread-safe: a Cipher per call.
 */
public final class SecretBox {
    private static final String FORM = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    /** {@code key}: 32 bytes. */
    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the destination secret key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return FORM + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plain secret; a {@link SecretKeyMismatch} when it was sealed with another key. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(FORM)) {
            throw new SecretKeyMismatch("a stored secret is not in the sealed form");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(FORM.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretKeyMismatch("a destination secret cannot be decrypted with this node's key: every node must"
                    + " run with the same --destination-secret-key (or data-dir destinations.key)");
        }
    }

    /** The stored secret was sealed with another key. */
    public static final class SecretKeyMismatch extends RuntimeException {
        SecretKeyMismatch(String message) {
            super(message, null, false, false);
        }
    }
}
