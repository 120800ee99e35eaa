package dev.tidings.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Generation and hashing of secrets. Webhook credentials may be migrated human-chosen passwords, so
 * they are stored as salted PBKDF2; API keys and the root token are always long random strings, for
 * which a SHA-256 digest is enough at rest and lets us find the owner by digest.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 100_000;
    private static final String PBKDF2 = "PBKDF2WithHmacSHA256";

    private Secrets() {}

    /** A URL-safe random token with 192 bits of entropy and a short prefix saying what it is. */
    public static String newToken(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 32 lower-case hex characters, the shape of webhook and definition ids. */
    public static String newHexId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Slow on purpose: call off the event loop. */
    public static String hashCredential(String credential) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(credential, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Constant-time check of a credential against {@link #hashCredential} output. Slow on purpose. */
    public static boolean verifyCredential(String credential, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = pbkdf2(credential, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String credential, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(credential.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + PBKDF2, e);
        }
    }
}
